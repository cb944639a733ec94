import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { rollUp } from "../problems/progress.ts";

/**
 * Recomputes progress by weight up the chain from one task: parent task(s) → measure → problem.
 * Touches only that chain, so a report costs a handful of small queries whatever the ledger's size.
 */
export async function recomputeFromTask(ctx: Ctx, taskId: string): Promise<void> {
  const now = iso(ctx.now());
  let task = await ctx.db
    .selectFrom("tasks")
    .select(["id", "parentTaskId", "measureId", "problemId"])
    .where("id", "=", taskId)
    .executeTakeFirstOrThrow();
  while (task.parentTaskId) {
    const parentId = task.parentTaskId;
    const children = await ctx.db
      .selectFrom("tasks")
      .select(["weight", "progress"])
      .where("parentTaskId", "=", parentId)
      .execute();
    await ctx.db
      .updateTable("tasks")
      .set({ progress: rollUp(children), updatedAt: now })
      .where("id", "=", parentId)
      .execute();
    task = await ctx.db
      .selectFrom("tasks")
      .select(["id", "parentTaskId", "measureId", "problemId"])
      .where("id", "=", parentId)
      .executeTakeFirstOrThrow();
  }
  await recomputeMeasure(ctx, task.measureId, task.problemId);
}

/** Measure progress from its top-level tasks, then the problem's from its measures. */
export async function recomputeMeasure(ctx: Ctx, measureId: string, problemId: string): Promise<void> {
  const now = iso(ctx.now());
  const tops = await ctx.db
    .selectFrom("tasks")
    .select(["weight", "progress"])
    .where("measureId", "=", measureId)
    .where("parentTaskId", "is", null)
    .execute();
  await ctx.db
    .updateTable("measures")
    .set({ progress: rollUp(tops), updatedAt: now })
    .where("id", "=", measureId)
    .execute();
  const measures = await ctx.db
    .selectFrom("measures")
    .select(["weight", "progress"])
    .where("problemId", "=", problemId)
    .execute();
  await ctx.db
    .updateTable("problems")
    .set({ progress: rollUp(measures), updatedAt: now })
    .where("id", "=", problemId)
    .execute();
}
