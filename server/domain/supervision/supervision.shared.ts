import type { AuditData, AuditEventType } from "../../../contract/audit-events.ts";
import type { Ctx } from "../../context.ts";
import { type AuditInput, recordAudit } from "../audit/audit.commands.ts";
import { DomainError } from "../errors.ts";
import type { LoadedProblem } from "../problems/problem.queries.ts";
import { problemScopePath } from "../problems/problem.transition.ts";
import { supervisable } from "./supervision.policy.ts";

/** 409 unless the item has a responsible unit and is not closed. */
export function requireSupervisable(problem: LoadedProblem): void {
  if (!supervisable(problem.ref)) throw new DomainError("not_supervisable", { status: problem.status });
}

/** Appends an event on the item's trail, so its timeline shows every rung of the ladder. */
export async function auditItem<T extends AuditEventType>(
  ctx: Ctx,
  problem: LoadedProblem,
  type: T,
  data: AuditData<T>,
) {
  const input = {
    type,
    entityType: "problem",
    entityId: problem.id,
    scopePath: problemScopePath(problem),
    data,
  };
  await recordAudit(ctx, input as AuditInput<T>);
}

/** Names of orgs by id, in one query. */
export async function orgNames(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db.selectFrom("orgs").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Code and title of problems by id, in one query. */
export async function problemHeads(ctx: Ctx, ids: string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0)
    return new Map<string, { code: string; title: string; leadOrgId: string | null }>();
  const rows = await ctx.db
    .selectFrom("problems")
    .select(["id", "code", "title", "leadOrgId"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
