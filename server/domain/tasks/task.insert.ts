import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { DomainError } from "../errors.ts";
import type { LoadedProblem } from "../problems/problem.queries.ts";
import { addProblemScopes } from "../problems/problem.scopes.ts";

export interface NewTask {
  orgId: string;
  title?: string;
  deadline?: string;
  weight?: number;
}

/** Inserts tasks for units, refusing any unit the caller may not send work to (field named by index). */
export async function insertTasks(
  ctx: Ctx,
  opts: {
    problem: LoadedProblem;
    measureId: string;
    parentTaskId: string | null;
    assignerOrgId: string;
    defaultTitle: string;
    /** The parent's deadline: the default, and the latest a task may take. */
    defaultDeadline: string;
    tasks: NewTask[];
    canTarget: (orgPath: string) => boolean;
    refusal?: "org_outside_scope" | "org_not_below";
  },
): Promise<string[]> {
  const now = iso(ctx.now());
  const rows = [];
  for (const [i, t] of opts.tasks.entries()) {
    // A task ends within its parent (the measure, or the task it was split from).
    if (t.deadline && t.deadline > opts.defaultDeadline)
      throw new DomainError("deadline_after_parent", { parentDeadline: opts.defaultDeadline }, [
        { field: `tasks/${i}/deadline`, code: "invalid" },
      ]);
    const org = await ctx.db.selectFrom("orgs").selectAll().where("id", "=", t.orgId).executeTakeFirst();
    if (!org || !opts.canTarget(org.path)) {
      throw new DomainError(opts.refusal ?? "org_outside_scope", {}, [
        { field: `tasks/${i}/orgId`, code: "invalid" },
      ]);
    }
    if (org.active !== 1)
      throw new DomainError("org_inactive", {}, [{ field: `tasks/${i}/orgId`, code: "invalid" }]);
    rows.push({
      id: newId(),
      problemId: opts.problem.id,
      measureId: opts.measureId,
      parentTaskId: opts.parentTaskId,
      orgId: org.id,
      orgPath: org.path,
      assignerOrgId: opts.assignerOrgId,
      title: t.title?.trim() || opts.defaultTitle,
      deadline: t.deadline ?? opts.defaultDeadline,
      originalDeadline: t.deadline ?? opts.defaultDeadline,
      weight: t.weight ?? 1,
      status: "pending",
      progress: 0,
      acknowledgedAt: null,
      completedAt: null,
      acceptedAt: null,
      light: "green",
      lightReasonsJson: null,
      plannedProgress: 0,
      lightChangedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  await ctx.db.insertInto("tasks").values(rows).execute();
  await addProblemScopes(
    ctx,
    opts.problem.id,
    rows.map((r) => r.orgPath),
  );
  return rows.map((r) => r.id);
}
