import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { ProblemFilter } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import type { DB } from "../../db/schema.ts";
import { holdsRole, scopeRoots } from "../access/actor.ts";
import { inAnySubtree, inSubtree } from "../access/subtree.ts";
import { authorize } from "../errors.ts";
import { keptCount } from "./ledger.count.ts";
import { withPeriodFilters } from "./ledger.period.ts";
import { toProblemRows } from "./ledger.rows.ts";
import { LEDGER_ROLES } from "./problem.policy.ts";

/**
 * The SQL form of problemPolicy.read: a grant over the owner office, the lead unit, a
 * co-operating unit or a task unit. Those orgs' paths are kept in `problem_scopes`, tested one
 * of two ways: "probe" looks each candidate problem up (problem id, then the path range of each
 * scope root), best when a page walks an index in order and stops early; "set" reads the ids
 * under the scope roots first, best when every visible problem is read, as a total is.
 */
export function problemScope(
  eb: ExpressionBuilder<DB, "problems">,
  ctx: Ctx,
  how: "probe" | "set" = "probe",
) {
  const roots = scopeRoots(ctx.actor, LEDGER_ROLES);
  if (roots === null) return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  const visible = eb.selectFrom("problemScopes").where(inAnySubtree("problemScopes.path", roots));
  if (how === "set") return eb("problems.id", "in", visible.select("problemScopes.problemId"));
  return eb.exists(visible.select(sql`1`.as("x")).whereRef("problemScopes.problemId", "=", "problems.id"));
}

/**
 * `column` names a problem the actor may see: problemScope's probe for a row of another table
 * (a notice, a listing, a proposal), so a list walks its own index and looks each row's problem
 * up, instead of first reading the id of every visible problem.
 */
export function visibleProblem(
  eb: ExpressionBuilder<DB, keyof DB>,
  ctx: Ctx,
  column: string,
): Expression<SqlBool> {
  const roots = scopeRoots(ctx.actor, LEDGER_ROLES);
  if (roots === null) return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.exists(
    eb
      .selectFrom("problemScopes")
      .select(sql`1`.as("x"))
      .where(inAnySubtree("problemScopes.path", roots))
      .whereRef("problemScopes.problemId", "=", column as "problemScopes.problemId"),
  );
}

/** Chinese keyword search: FTS5 trigram on SQLite, pg_trgm-indexed ILIKE on PostgreSQL; LIKE under 3 characters. */
function keyword(eb: ExpressionBuilder<DB, "problems">, ctx: Ctx, q: string) {
  const term = q.trim();
  const escaped = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (ctx.engine === "postgres") {
    return sql<SqlBool>`(problems.code || ' ' || problems.title || ' ' || problems.description) ILIKE ${escaped} ESCAPE '\\'`;
  }
  if ([...term].length >= 3) {
    const phrase = `"${term.replace(/"/g, '""')}"`;
    return sql<SqlBool>`problems.rowid IN (SELECT rowid FROM problems_fts WHERE problems_fts MATCH ${phrase})`;
  }
  return eb.or([
    sql<SqlBool>`problems.title LIKE ${escaped} ESCAPE '\\'`,
    sql<SqlBool>`problems.description LIKE ${escaped} ESCAPE '\\'`,
    sql<SqlBool>`problems.code LIKE ${escaped} ESCAPE '\\'`,
  ]);
}

/** The filtered, scoped problem query every list view starts from (see problemScope for `how`). */
export async function filteredProblems(ctx: Ctx, f: ProblemFilter, how: "probe" | "set" = "probe") {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  let leadPath: string | null = null;
  if (f.leadOrgId) {
    const org = await ctx.db
      .selectFrom("orgs")
      .select("path")
      .where("id", "=", f.leadOrgId)
      .executeTakeFirst();
    leadPath = org?.path ?? "-";
  }
  let q = ctx.db.selectFrom("problems").where((eb) => problemScope(eb, ctx, how));
  if (f.campaignId) q = q.where("problems.campaignId", "=", f.campaignId);
  if (f.categoryId) q = q.where("problems.categoryId", "=", f.categoryId);
  if (f.status?.length) q = q.where("problems.status", "in", f.status);
  if (f.light?.length) q = q.where("problems.light", "in", f.light);
  if (leadPath) q = q.where(inSubtree("problems.leadPath", leadPath));
  if (f.rectifyType) q = q.where("problems.rectifyType", "=", f.rectifyType);
  if (f.closureKind) q = q.where("problems.closureKind", "=", f.closureKind);
  if (f.sourceType) q = q.where("problems.sourceType", "=", f.sourceType);
  if (f.deadlineFrom) q = q.where("problems.deadline", ">=", f.deadlineFrom);
  if (f.deadlineTo) q = q.where("problems.deadline", "<=", f.deadlineTo);
  q = withPeriodFilters(q, f);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => keyword(eb, ctx, term));
  }
  return q;
}

const SORTS = {
  deadline: "problems.deadline",
  code: "problems.code",
  progress: "problems.progress",
  updatedAt: "problems.updatedAt",
} as const;

/** 问题清单: one row per problem, scoped, filtered, sorted and paged. */
export async function listProblems(ctx: Ctx, f: ProblemFilter) {
  const q = await filteredProblems(ctx, f);
  const sortKey = (f.sort ?? "deadline").replace(/^-/, "") as keyof typeof SORTS;
  const dir = f.sort?.startsWith("-") ? "desc" : "asc";
  const rows = await q
    .selectAll("problems")
    .orderBy(SORTS[sortKey], dir)
    .orderBy("problems.code", dir)
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  const { limit: _l, offset: _o, sort: _s, ...filter } = f;
  const key = JSON.stringify([ctx.actor.kind, ctx.actor.grants, filter]);
  const total = await keptCount(ctx, key, async () => {
    const all = await filteredProblems(ctx, f, "set");
    const count = await all.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(count.n);
  });
  return { data: await toProblemRows(ctx, rows), total };
}
