import type { Ctx } from "../../context.ts";
import { shanghaiYear } from "../calendar/shanghai-date.ts";

/** Next value of a named counter, inside the caller's transaction. */
export async function nextCounter(ctx: Ctx, key: string): Promise<number> {
  await ctx.db
    .insertInto("counters")
    .values({ key, value: 0 })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await ctx.db
    .updateTable("counters")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("key", "=", key)
    .returning("value")
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Human-facing problem code, e.g. `GX-2026-0001`, numbered per year. */
export async function nextProblemCode(ctx: Ctx): Promise<string> {
  const year = shanghaiYear(ctx.now());
  const n = await nextCounter(ctx, `problem:${year}`);
  return `${ctx.config.problemCodePrefix}-${year}-${String(n).padStart(4, "0")}`;
}
