import { sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { inSubtree } from "../access/subtree.ts";

/**
 * Records the org paths a problem becomes visible through (its office, lead, co-operating and
 * task units) in `problem_scopes`, inside the caller's transaction; paths already there are kept.
 * Visibility only grows: no command takes a unit off a problem.
 */
export async function addProblemScopes(ctx: Ctx, problemId: string, paths: readonly string[]): Promise<void> {
  const distinct = [...new Set(paths)];
  if (distinct.length === 0) return;
  await ctx.db
    .insertInto("problemScopes")
    .values(distinct.map((path) => ({ problemId, path })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** An org subtree moved: the visibility rows under its old path follow it to the new one. */
export async function moveProblemScopes(ctx: Ctx, oldPrefix: string, newPrefix: string): Promise<void> {
  await ctx.db
    .updateTable("problemScopes")
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where(inSubtree("path", oldPrefix))
    .execute();
}
