import { sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { DomainError } from "../errors.ts";

/**
 * Counters live in `rate_limits`, one row per (bucket, key), so every instance on one PostgreSQL
 * database shares them; each change is a single atomic upsert (ON CONFLICT … DO UPDATE) on both
 * engines, so concurrent requests never lose a count.
 */

export interface WindowLimit {
  /** What is counted, e.g. `login`, `objection-address`. */
  bucket: string;
  /** Whom or what it is counted for, e.g. a client address or an item. */
  key: string;
  /** Hits allowed per window; 0 means unlimited. */
  max: number;
  windowMs: number;
}

/** Seconds until `until`, at least 1 (the value of a Retry-After header). */
export const secondsUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** The start of the fixed window `now` falls in (windows are aligned to the epoch). */
export const windowStartOf = (now: Date, windowMs: number) =>
  new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** Counts one hit in the current fixed window and returns the count so far (this hit included). */
export async function countHit(ctx: Ctx, limit: Omit<WindowLimit, "max">): Promise<number> {
  const now = ctx.now();
  const start = iso(windowStartOf(now, limit.windowMs));
  const row = await ctx.db
    .insertInto("rateLimits")
    .values({
      bucket: limit.bucket,
      key: limit.key,
      windowStart: start,
      hits: 1,
      blockedUntil: null,
      updatedAt: iso(now),
    })
    .onConflict((oc) =>
      oc.columns(["bucket", "key"]).doUpdateSet({
        hits: sql<number>`CASE WHEN rate_limits.window_start = excluded.window_start
          THEN rate_limits.hits + 1 ELSE 1 END`,
        windowStart: sql<string>`excluded.window_start`,
        updatedAt: sql<string>`excluded.updated_at`,
      }),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** Counts one hit; refuses with 429 `rate_limited` (and the seconds to wait) once over the limit. */
export async function takeRateLimit(ctx: Ctx, limit: WindowLimit): Promise<void> {
  if (limit.max <= 0) return;
  const hits = await countHit(ctx, limit);
  if (hits <= limit.max) return;
  const now = ctx.now();
  const end = new Date(windowStartOf(now, limit.windowMs).getTime() + limit.windowMs);
  throw new DomainError("rate_limited", { retryAfter: secondsUntil(end, now) });
}

export interface FailureDelay {
  bucket: string;
  key: string;
  /** Failures in a row that pass without delay. */
  free: number;
  /** The first delay; it doubles with each further failure. */
  baseMs: number;
  /** The longest delay. */
  capMs: number;
  /** A run of failures is forgotten this long after its last failure. */
  forgetMs: number;
}

/** Progressive delay: after `free` failures, base · 2^(n − free), capped. Pure, for the tests. */
export function delayAfter(failures: number, d: Pick<FailureDelay, "free" | "baseMs" | "capMs">): number {
  if (failures < d.free) return 0;
  return Math.min(d.capMs, d.baseMs * 2 ** Math.min(failures - d.free, 30));
}

/** When the key may try again, if it is being delayed now. */
export async function delayedUntil(ctx: Ctx, bucket: string, key: string): Promise<Date | null> {
  const row = await ctx.db
    .selectFrom("rateLimits")
    .select("blockedUntil")
    .where("bucket", "=", bucket)
    .where("key", "=", key)
    .executeTakeFirst();
  const until = row?.blockedUntil ? new Date(row.blockedUntil) : null;
  return until && until > ctx.now() ? until : null;
}

/** Counts a failure for the key; returns the end of the delay it now has to wait, if any. */
export async function countFailure(ctx: Ctx, d: FailureDelay): Promise<Date | null> {
  const now = ctx.now();
  const forgetBefore = iso(new Date(now.getTime() - d.forgetMs));
  const row = await ctx.db
    .insertInto("rateLimits")
    .values({
      bucket: d.bucket,
      key: d.key,
      windowStart: iso(now),
      hits: 1,
      blockedUntil: null,
      updatedAt: iso(now),
    })
    .onConflict((oc) =>
      oc.columns(["bucket", "key"]).doUpdateSet({
        hits: sql<number>`CASE WHEN rate_limits.updated_at < ${forgetBefore}
          THEN 1 ELSE rate_limits.hits + 1 END`,
        windowStart: sql<string>`CASE WHEN rate_limits.updated_at < ${forgetBefore}
          THEN excluded.window_start ELSE rate_limits.window_start END`,
        updatedAt: sql<string>`excluded.updated_at`,
      }),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  const ms = delayAfter(Number(row.hits), d);
  if (ms === 0) return null;
  const until = new Date(now.getTime() + ms);
  await ctx.db
    .updateTable("rateLimits")
    .set({ blockedUntil: iso(until) })
    .where("bucket", "=", d.bucket)
    .where("key", "=", d.key)
    .execute();
  return until;
}

/** Forgets the failures of one key (a success) or of every key starting with `prefix`. */
export async function clearFailures(ctx: Ctx, bucket: string, match: { key: string } | { prefix: string }) {
  let q = ctx.db.deleteFrom("rateLimits").where("bucket", "=", bucket);
  if ("key" in match) q = q.where("key", "=", match.key);
  else {
    const like = `${match.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`key LIKE ${like} ESCAPE '\\'`);
  }
  await q.execute();
}

/** Deletes counters untouched for `olderThanMs` (the `rate-limits` job). */
export async function pruneRateLimits(ctx: Ctx, olderThanMs: number): Promise<number> {
  const before = iso(new Date(ctx.now().getTime() - olderThanMs));
  const r = await ctx.db
    .deleteFrom("rateLimits")
    .where("updatedAt", "<", before)
    .where((w) => w.or([w("blockedUntil", "is", null), w("blockedUntil", "<", before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
