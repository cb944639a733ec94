import { sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import type { NotificationOutboxTable } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.commands.ts";

export type OutboxRow = NotificationOutboxTable;

/**
 * Delay before the next attempt after `attempts` failed ones: base · 2^(attempts−1), capped.
 * Exponential so a receiver that is down is not hammered; capped so it is retried within the hour.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(maxMs, baseMs * 2 ** exp);
}

/**
 * Claims up to `limit` due rows for this worker: pending rows whose time has come, and rows
 * whose previous claim expired (its worker died mid-send). Each claim raises the attempt count
 * and holds the row for `leaseMs`. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent
 * workers claim disjoint rows; on SQLite the one UPDATE is atomic because writes are serial.
 */
export async function claimDueRows(
  ctx: Ctx,
  opts: { token: string; limit: number; leaseMs: number; maxAttempts: number },
): Promise<OutboxRow[]> {
  const now = ctx.now();
  const nowIso = iso(now);
  await giveUpExpiredClaims(ctx, nowIso, opts.maxAttempts);
  return ctx.db
    .updateTable("notificationOutbox")
    .set((eb) => ({
      state: "sending",
      claimToken: opts.token,
      claimedUntil: iso(new Date(now.getTime() + opts.leaseMs)),
      attempts: eb("attempts", "+", 1),
      updatedAt: nowIso,
    }))
    .where("id", "in", (eb) => {
      let q = eb
        .selectFrom("notificationOutbox")
        .select("id")
        .where((w) =>
          w.or([
            w.and([w("state", "=", "pending"), w("nextAttemptAt", "<=", nowIso)]),
            w.and([w("state", "=", "sending"), w("claimedUntil", "<=", nowIso)]),
          ]),
        )
        .orderBy("nextAttemptAt")
        .orderBy("id")
        .limit(opts.limit);
      if (ctx.engine === "postgres") q = q.forUpdate().skipLocked();
      return q;
    })
    .returningAll()
    .execute();
}

/** A claim that expired after the last allowed attempt is not retried again. */
async function giveUpExpiredClaims(ctx: Ctx, nowIso: string, maxAttempts: number) {
  const stale = await ctx.db
    .selectFrom("notificationOutbox")
    .selectAll()
    .where("state", "=", "sending")
    .where("claimedUntil", "<=", nowIso)
    .where("attempts", ">=", maxAttempts)
    .execute();
  for (const row of stale) {
    if (row.claimToken) await markFailed(ctx, row, row.claimToken, "claim expired", maxAttempts, 0, 0);
  }
}

/** Marks a claimed row delivered; a stale claimer (its lease taken over) changes nothing. */
export async function markSent(ctx: Ctx, row: OutboxRow, token: string): Promise<boolean> {
  const now = iso(ctx.now());
  const r = await ctx.db
    .updateTable("notificationOutbox")
    .set({
      state: "sent",
      sentAt: now,
      updatedAt: now,
      claimToken: null,
      claimedUntil: null,
      lastError: null,
    })
    .where("id", "=", row.id)
    .where("claimToken", "=", token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: back to pending with exponential backoff, or dead once the attempts
 * are used up — a dead row is audited so an administrator can see what never arrived.
 */
export async function markFailed(
  ctx: Ctx,
  row: OutboxRow,
  token: string,
  error: string,
  maxAttempts: number,
  baseMs: number,
  maxMs: number,
): Promise<"retry" | "dead" | "lost"> {
  return inTx(ctx, async (ctx) => {
    const now = ctx.now();
    const dead = row.attempts >= maxAttempts;
    const r = await ctx.db
      .updateTable("notificationOutbox")
      .set({
        state: dead ? "dead" : "pending",
        lastError: error.slice(0, 1000),
        nextAttemptAt: dead
          ? row.nextAttemptAt
          : iso(new Date(now.getTime() + retryDelayMs(row.attempts, baseMs, maxMs))),
        claimToken: null,
        claimedUntil: null,
        updatedAt: iso(now),
      })
      .where("id", "=", row.id)
      .where("claimToken", "=", token)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return "lost";
    if (!dead) return "retry";
    await recordAudit(ctx, {
      type: "notification.delivery_failed",
      entityType: "outbox",
      entityId: row.id,
      scopePath: row.scopePath,
      data: {
        channel: row.channel,
        target: row.target,
        idempotencyKey: row.idempotencyKey,
        attempts: row.attempts,
        error: error.slice(0, 300),
      },
    });
    return "dead";
  });
}

/** Counts of outbox rows by state (for the worker's log and the tests). */
export async function outboxCounts(ctx: Ctx): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom("notificationOutbox")
    .select(["state", sql<number>`count(*)`.as("n")])
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
