import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { EscalationStep } from "../../../contract/enums.ts";
import type { ProblemFilter } from "../../../contract/schemas/problem.ts";
import type { DB } from "../../db/schema.ts";

/** The first instant (ISO UTC) of an Asia/Shanghai calendar date. */
export const shanghaiDayStart = (date: string): string => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The first instant (ISO UTC) after an Asia/Shanghai calendar date. */
export const shanghaiDayEnd = (date: string): string =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** Where each rung of the escalation ladder is recorded, one row per problem reached. */
const ESCALATION_TABLES = {
  urging: "urgings",
  notice: "supervisionNotices",
  listing: "listings",
  interview: "interviews",
  circular: "circularItems",
  referral: "accountabilityReferrals",
} as const satisfies Record<EscalationStep, keyof DB>;

type ProblemQuery = SelectQueryBuilder<DB, "problems", object>;

/**
 * The ledger filters by time and escalation: registered, closed or returned within Asia/Shanghai
 * dates (ranges over indexed ISO times), and reached a rung of the escalation ladder.
 */
export function withPeriodFilters<Q extends ProblemQuery>(query: Q, f: ProblemFilter): Q {
  let q = query as ProblemQuery;
  if (f.registeredFrom) q = q.where("problems.createdAt", ">=", shanghaiDayStart(f.registeredFrom));
  if (f.registeredTo) q = q.where("problems.createdAt", "<", shanghaiDayEnd(f.registeredTo));
  if (f.closedFrom) q = q.where("problems.closedAt", ">=", shanghaiDayStart(f.closedFrom));
  if (f.closedTo) q = q.where("problems.closedAt", "<", shanghaiDayEnd(f.closedTo));
  if (f.returnedFrom || f.returnedTo) {
    const { returnedFrom: from, returnedTo: to } = f;
    q = q.where((eb) => {
      let r = eb
        .selectFrom("problemReturns")
        .select(sql`1`.as("x"))
        .whereRef("problemReturns.problemId", "=", "problems.id");
      if (from) r = r.where("problemReturns.returnedAt", ">=", shanghaiDayStart(from));
      if (to) r = r.where("problemReturns.returnedAt", "<", shanghaiDayEnd(to));
      return eb.exists(r);
    });
  }
  if (f.escalation) {
    const table = ESCALATION_TABLES[f.escalation];
    // 提醒 (reminders) share the urgings table but are not a rung of escalation
    const onlyUrgings = f.escalation === "urging" ? sql` AND urgings.kind = 'urging'` : sql``;
    q = q.where(
      () =>
        sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE ${sql.ref(`${table}.problemId`)} = problems.id${onlyUrgings})`,
    );
  }
  return q as Q;
}
