import type { Ctx } from "../../context.ts";
import { findProblemById } from "./problem.queries.ts";

/** A problem's history, built from its audit events (the trail is the single source). */
export async function getProblemTimeline(ctx: Ctx, problemId: string) {
  await findProblemById(ctx, problemId);
  const rows = await ctx.db
    .selectFrom("auditEvents")
    .select(["seq", "at", "type", "actorName", "dataJson"])
    .where("entityType", "=", "problem")
    .where("entityId", "=", problemId)
    .orderBy("seq")
    .execute();
  return rows.map(({ dataJson, ...r }) => ({ ...r, data: JSON.parse(dataJson) as unknown }));
}
