import { sql } from "kysely";
import type { Ctx } from "../context.ts";
import { iso } from "../db/columns.ts";

/**
 * Claims run slot `slot` of a job for this instance. One row per job holds the last slot taken;
 * the upsert only moves it forward, so of several instances reaching the same slot exactly one
 * gets the row back (PostgreSQL's row lock on conflict serialises them; SQLite writes are serial).
 */
export async function claimJobSlot(
  ctx: Ctx,
  jobName: string,
  slot: number,
  instance: string,
): Promise<boolean> {
  const now = iso(ctx.now());
  const row = await ctx.db
    .insertInto("jobLeases")
    .values({
      jobName,
      slot,
      instance,
      runs: 1,
      startedAt: now,
      finishedAt: null,
      lastResultJson: null,
      lastError: null,
    })
    .onConflict((oc) =>
      oc
        .column("jobName")
        .doUpdateSet({
          slot,
          instance,
          runs: sql<number>`job_leases.runs + 1`,
          startedAt: now,
          finishedAt: null,
          lastError: null,
        })
        .where("jobLeases.slot", "<", slot),
    )
    .returning("jobName")
    .executeTakeFirst();
  return row !== undefined;
}

/** Records how the run of a claimed slot ended. */
export async function finishJobSlot(
  ctx: Ctx,
  jobName: string,
  slot: number,
  outcome: { result?: unknown; error?: string },
): Promise<void> {
  await ctx.db
    .updateTable("jobLeases")
    .set({
      finishedAt: iso(ctx.now()),
      lastResultJson: outcome.result === undefined ? null : JSON.stringify(outcome.result).slice(0, 4000),
      lastError: outcome.error?.slice(0, 1000) ?? null,
    })
    .where("jobName", "=", jobName)
    .where("slot", "=", slot)
    .execute();
}
