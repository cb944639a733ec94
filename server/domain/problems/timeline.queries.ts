import type { AuditData, AuditEvent, AuditEventType } from "../../../contract/audit-events.ts";
import type { Ctx } from "../../context.ts";
import { findProblemById } from "./problem.queries.ts";

/** One step of a problem's history: who, when, and the event with its type's payload. */
export type TimelineEvent = { seq: number; at: string; actorName: string | null } & AuditEvent;

/** A problem's history, built from its audit events (the trail is the single source). */
export async function getProblemTimeline(ctx: Ctx, problemId: string): Promise<TimelineEvent[]> {
  await findProblemById(ctx, problemId);
  const rows = await ctx.db
    .selectFrom("auditEvents")
    .select(["seq", "at", "type", "actorName", "dataJson"])
    .where("entityType", "=", "problem")
    .where("entityId", "=", problemId)
    .orderBy("seq")
    .execute();
  // recordAudit wrote each row from its type's payload, so the stored JSON is that payload.
  return rows.map(({ dataJson, type, ...r }) => ({
    ...r,
    ...({ type, data: JSON.parse(dataJson) as AuditData<AuditEventType> } as AuditEvent),
  }));
}
