import type { ProposalKind } from "../../../contract/enums.ts";
import type { ProposalView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { authorize, DomainError, notFound } from "../errors.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { insertListing, openListing } from "./listing.commands.ts";
import { proposalPolicy } from "./supervision.policy.ts";
import { getProposalView } from "./supervision.queries.ts";
import { auditItem, requireSupervisable } from "./supervision.shared.ts";

/**
 * The rules propose (建议) 挂牌督办 or 约谈 for an item red too long, to the coordinators of its
 * registering office. Idempotent on the trigger key; answers false when nothing new was proposed.
 */
export async function proposeEscalation(
  ctx: Ctx,
  input: { problemId: string; kind: ProposalKind; reason: string; triggerKey: string },
): Promise<boolean> {
  return inTx(ctx, async (ctx) => {
    authorize(ctx.actor.kind === "system");
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    const used = await ctx.db
      .selectFrom("escalationProposals")
      .select("id")
      .where("triggerKey", "=", input.triggerKey)
      .executeTakeFirst();
    if (used) return false;
    const id = newId();
    await ctx.db
      .insertInto("escalationProposals")
      .values({
        id,
        problemId: problem.id,
        kind: input.kind,
        status: "pending",
        reason: input.reason,
        addresseeOrgId: problem.ownerOrgId,
        addresseePath: problem.ownerPath,
        triggerKey: input.triggerKey,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: iso(ctx.now()),
      })
      .execute();
    await auditItem(ctx, problem, "escalation.proposed", {
      proposalId: id,
      kind: input.kind,
      reason: input.reason,
      addresseeOrgId: problem.ownerOrgId,
      addresseeRole: "coordinator",
    });
    return true;
  });
}

/** A coordinator accepts or dismisses a proposal; accepting a listing proposal lists the item. */
export async function decideProposal(
  ctx: Ctx,
  input: { proposalId: string; accept: boolean; note?: string },
): Promise<ProposalView> {
  return inTx(ctx, async (ctx) => {
    const head = await ctx.db
      .selectFrom("escalationProposals")
      .select("problemId")
      .where("id", "=", input.proposalId)
      .executeTakeFirst();
    if (!head) throw notFound();
    const problem = await findProblemById(ctx, head.problemId);
    const proposal = await ctx.db
      .selectFrom("escalationProposals")
      .selectAll()
      .where("id", "=", input.proposalId)
      .executeTakeFirstOrThrow();
    if (proposal.status !== "pending") throw new DomainError("proposal_decided");
    authorize(proposalPolicy.decide(ctx.actor, { status: "pending", addresseePath: proposal.addresseePath }));
    const note = input.note?.trim() || null;
    if (input.accept && proposal.kind === "listing" && !(await openListing(ctx, problem.id))) {
      requireSupervisable(problem);
      await insertListing(ctx, problem, note ?? proposal.reason, proposal.id);
    }
    await ctx.db
      .updateTable("escalationProposals")
      .set({
        status: input.accept ? "accepted" : "dismissed",
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.name,
        decidedAt: iso(ctx.now()),
        decisionNote: note,
      })
      .where("id", "=", proposal.id)
      .execute();
    await auditItem(ctx, problem, "escalation.decided", {
      proposalId: proposal.id,
      kind: proposal.kind,
      accepted: input.accept,
      note,
      addresseeOrgId: problem.leadOrgId,
    });
    return getProposalView(ctx, proposal.id);
  });
}
