import type { LightColor, TaskStatus } from "../../../contract/enums.ts";
import type { LightReason } from "../lights/light.rules.ts";

export interface TaskRowForTree {
  id: string;
  measureId: string;
  parentTaskId: string | null;
  title: string;
  orgId: string;
  orgName: string;
  assignerOrgName: string;
  deadline: string;
  weight: number;
  status: string;
  progress: number;
  originalDeadline: string | null;
  light: string;
  lightReasonsJson: string | null;
  plannedProgress: number;
  abilities: Record<string, boolean>;
}

export interface TaskNodeView extends Omit<TaskRowForTree, "status" | "light" | "lightReasonsJson"> {
  status: TaskStatus;
  light: LightColor;
  lightReasons: LightReason[];
  children: TaskNodeView[];
}

/** Nests flat task rows by parent (rows keep their order); one pass, no queries. */
export function buildTaskTree(rows: TaskRowForTree[]): TaskNodeView[] {
  const nodes = new Map<string, TaskNodeView>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        measureId: r.measureId,
        parentTaskId: r.parentTaskId,
        title: r.title,
        orgId: r.orgId,
        orgName: r.orgName,
        assignerOrgName: r.assignerOrgName,
        deadline: r.deadline,
        weight: r.weight,
        status: r.status as TaskStatus,
        progress: r.progress,
        originalDeadline: r.originalDeadline,
        light: r.light as LightColor,
        lightReasons: r.lightReasonsJson ? JSON.parse(r.lightReasonsJson) : [],
        plannedProgress: r.plannedProgress,
        abilities: r.abilities,
        children: [],
      },
    ]),
  );
  const roots: TaskNodeView[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id) as TaskNodeView;
    const parent = r.parentTaskId ? nodes.get(r.parentTaskId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
