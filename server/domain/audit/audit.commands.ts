import type { AuditEventType } from "../../../contract/audit-events.ts";
import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { notificationsFor } from "../notifications/notification.derive.ts";
import { canonicalJson, chainHash } from "./audit.chain.ts";

export interface AuditInput {
  type: AuditEventType;
  entityType: string;
  entityId: string;
  /** Materialised path of the org the entity belongs to: decides who may read the event. */
  scopePath: string;
  data?: Record<string, unknown>;
}

/**
 * Appends one hash-chained event inside the caller's transaction. The chain head is one row,
 * read and advanced in the same transaction (locked on PostgreSQL, serial on SQLite). The event's
 * notifications (inbox and outbox rows) are written in the same transaction.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<{ seq: number; hash: string }> {
  if (!ctx.inTransaction) throw new Error("recordAudit must run inside the command's transaction");
  let headQuery = ctx.db.selectFrom("auditHead").select(["seq", "hash"]).where("id", "=", 1);
  if (ctx.engine === "postgres") headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const row = {
    seq: head.seq + 1,
    id: newId(),
    at: iso(ctx.now()),
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    scopePath: input.scopePath,
    type: input.type,
    entityType: input.entityType,
    entityId: input.entityId,
    dataJson: canonicalJson(input.data ?? {}),
    ip: ctx.ip,
  };
  const hash = chainHash(head.hash, row);
  await ctx.db
    .insertInto("auditEvents")
    .values({ ...row, prevHash: head.hash, hash })
    .execute();
  await ctx.db.updateTable("auditHead").set({ seq: row.seq, hash }).where("id", "=", 1).execute();
  // Notifications derive from events, in the same transaction: nothing is sent for a rolled-back write.
  await notificationsFor(ctx, { ...row, data: input.data ?? {} });
  return { seq: row.seq, hash };
}
