import { sql } from "kysely";
import type { Config } from "../../config.ts";
import type { Ctx } from "../../context.ts";

// A ledger total counts every visible item (tens of thousands for a city), the one part of a
// page whose cost grows with the ledger. On SQLite a total is kept until the file changes:
// data_version moves when another connection commits, total_changes() when this one writes, so
// a kept total is always the one a fresh count would give.
const MAX_KEPT = 500;
const kept = new WeakMap<Config, Map<string, { version: string; value: unknown }>>();

/** SQLite's change marker for this connection; null on PostgreSQL and inside a transaction. */
async function fileVersion(ctx: Ctx): Promise<string | null> {
  if (ctx.engine !== "sqlite" || ctx.inTransaction) return null;
  const { rows } = await sql<{ v: number; c: number }>`
    SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c`.execute(ctx.db);
  return `${rows[0].v}:${rows[0].c}`;
}

/** The total `count` gives for `key`, counted again only when the database has changed since. */
export const keptCount = (ctx: Ctx, key: string, count: () => Promise<number>): Promise<number> =>
  keptValue(ctx, `count:${key}`, count);

/** What `compute` gives for `key` (counts, a set of totals), computed again only when the database has changed since. */
export async function keptValue<T>(ctx: Ctx, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await fileVersion(ctx);
  if (version === null) return compute();
  let totals = kept.get(ctx.config);
  if (!totals) {
    totals = new Map();
    kept.set(ctx.config, totals);
  }
  const hit = totals.get(key);
  if (hit?.version === version) return hit.value as T;
  const value = await compute();
  totals.delete(key);
  if (totals.size >= MAX_KEPT) totals.delete(totals.keys().next().value as string);
  totals.set(key, { version, value });
  return value;
}
