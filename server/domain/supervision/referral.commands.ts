import type { ProblemSupervisionView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { SUPERVISING_ROLES, supervisionPolicy } from "./supervision.policy.ts";
import { getProblemSupervision } from "./supervision.queries.ts";
import { auditItem } from "./supervision.shared.ts";

/** 问责 referral: hands a unit or a person over to the discipline body named, with the reason. */
export async function referForAccountability(
  ctx: Ctx,
  input: {
    problemId: string;
    subjectOrgId?: string;
    subjectPerson?: string;
    reason: string;
    referredTo: string;
  },
): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    if (problem.status === "registered")
      throw new DomainError("not_supervisable", { status: problem.status });
    authorize(supervisionPolicy.refer(ctx.actor, problem.ref));
    const person = input.subjectPerson?.trim() || null;
    if (!input.subjectOrgId && !person) throw invalid("subject_required", "subjectPerson");
    if (input.subjectOrgId) {
      const org = await ctx.db
        .selectFrom("orgs")
        .select("path")
        .where("id", "=", input.subjectOrgId)
        .executeTakeFirst();
      if (!org || !hasRole(ctx.actor, SUPERVISING_ROLES, org.path))
        throw invalid("org_outside_scope", "subjectOrgId");
    }
    const id = newId();
    await ctx.db
      .insertInto("accountabilityReferrals")
      .values({
        id,
        problemId: problem.id,
        subjectOrgId: input.subjectOrgId ?? null,
        subjectPerson: person,
        reason: input.reason.trim(),
        referredTo: input.referredTo.trim(),
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.name,
        createdAt: iso(ctx.now()),
      })
      .execute();
    await auditItem(ctx, problem, "accountability.referred", {
      referralId: id,
      subjectOrgId: input.subjectOrgId ?? null,
      subjectPerson: person,
      referredTo: input.referredTo.trim(),
      addresseeOrgId: problem.ownerOrgId,
    });
    return getProblemSupervision(ctx, problem.id);
  });
}
