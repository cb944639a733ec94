import type { LightColor } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { LightReason } from "./light.rules.ts";

/** The light fields of a stored task or problem row, as every view shows them. */
export const lightFields = (row: {
  light: string;
  lightReasonsJson: string | null;
  plannedProgress: number;
}) => ({
  light: row.light as LightColor,
  lightReasons: (row.lightReasonsJson ? JSON.parse(row.lightReasonsJson) : []) as LightReason[],
  plannedProgress: row.plannedProgress,
});

/** The light history of one problem and its tasks, newest first (the caller checked the read). */
export async function listLightHistory(ctx: Ctx, problemId: string) {
  const rows = await ctx.db
    .selectFrom("lightHistory")
    .leftJoin("tasks", "tasks.id", "lightHistory.entityId")
    .selectAll("lightHistory")
    .select("tasks.title as taskTitle")
    .where("lightHistory.problemId", "=", problemId)
    .orderBy("lightHistory.at", "desc")
    .orderBy("lightHistory.id", "desc")
    .limit(200)
    .execute();
  return rows.map((h) => ({
    id: h.id,
    entityType: h.entityType as "problem" | "task",
    entityId: h.entityId,
    taskTitle: h.entityType === "task" ? (h.taskTitle ?? null) : null,
    from: h.fromLight as LightColor,
    to: h.toLight as LightColor,
    reasons: JSON.parse(h.reasonsJson) as LightReason[],
    plannedProgress: h.plannedProgress,
    progress: h.progress,
    at: h.at,
  }));
}
