import {
  type AuditData,
  type AuditDataField,
  type AuditEventType,
  isAuditEventType,
} from "../../../contract/audit-events.ts";
import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { notificationsFor } from "../notifications/notification.derive.ts";
import { canonicalJson, chainHash } from "./audit.chain.ts";

/** What an event is about: the entity and the org path that decides who may read it. */
export interface AuditTarget {
  entityType: string;
  entityId: string;
  /** Materialised path of the org the entity belongs to: decides who may read the event. */
  scopePath: string;
}

/**
 * One event to append: its type, what it is about and the payload of that type
 * (`contract/audit-events.ts`). A union discriminated by `type`; `T` narrows it for wrappers.
 */
export type AuditInput<T extends AuditEventType = AuditEventType> = {
  [K in T]: AuditTarget & { type: K } & AuditDataField<K>;
}[T];

/** The payload of `T` without the fields `K` a wrapper fills in itself (kept apart per variant). */
export type AuditDataWithout<T extends AuditEventType, K extends PropertyKey> =
  AuditData<T> extends infer D ? (D extends unknown ? Omit<D, K> : never) : never;

/**
 * Appends one hash-chained event inside the caller's transaction. The chain head is one row,
 * read and advanced in the same transaction (locked on PostgreSQL, serial on SQLite). The event's
 * notifications (inbox and outbox rows) are written in the same transaction.
 */
export async function recordAudit<T extends AuditEventType>(
  ctx: Ctx,
  input: AuditInput<T>,
): Promise<{ seq: number; hash: string }> {
  if (!ctx.inTransaction) throw new Error("recordAudit must run inside the command's transaction");
  // The compiler checks every call; this keeps a cast or an untyped caller from writing a type no one reads.
  if (!isAuditEventType(input.type)) throw new Error(`unknown audit event type: ${String(input.type)}`);
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
