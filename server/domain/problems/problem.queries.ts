import type { ClosureKind, ProblemStatus, RectifyType } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { ProblemsTable } from "../../db/schema.ts";
import { notFound } from "../errors.ts";
import { type ProblemRef, problemPolicy } from "./problem.policy.ts";

export type ProblemRow = ProblemsTable;
export type LoadedProblem = ProblemRow & { ref: ProblemRef };

/**
 * The org paths the problem is visible through (problem_scopes: office, lead, co-operating and
 * task units); they widen who may see the problem.
 */
async function relatedPaths(ctx: Ctx, problemId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("problemScopes")
    .select("path")
    .where("problemId", "=", problemId)
    .execute();
  return rows.map((r) => r.path);
}

export const toRef = (p: ProblemRow, related: string[]): ProblemRef => ({
  status: p.status as ProblemStatus,
  ownerPath: p.ownerPath,
  leadPath: p.leadPath,
  rectifyType: p.rectifyType as RectifyType,
  closureKind: p.closureKind as ClosureKind | null,
  relatedPaths: related,
});

/** Loads a problem with its policy view, no read check: for callers whose credential is not a scope (ballot tokens). */
export async function loadProblem(ctx: Ctx, id: string): Promise<LoadedProblem> {
  let q = ctx.db.selectFrom("problems").selectAll().where("id", "=", id);
  // Inside a command on PostgreSQL the row is locked, so two transitions of one item cannot race.
  if (ctx.inTransaction && ctx.engine === "postgres") q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, ref: toRef(row, await relatedPaths(ctx, id)) };
}

/** A problem the actor may see, with its policy view; 404 otherwise, so existence is not revealed. */
export async function findProblemById(ctx: Ctx, id: string): Promise<LoadedProblem> {
  const problem = await loadProblem(ctx, id);
  if (!problemPolicy.read(ctx.actor, problem.ref)) throw notFound();
  return problem;
}
