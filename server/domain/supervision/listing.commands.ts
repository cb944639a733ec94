import type { ProblemSupervisionView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { authorize, DomainError } from "../errors.ts";
import { findProblemById, type LoadedProblem } from "../problems/problem.queries.ts";
import { supervisionPolicy } from "./supervision.policy.ts";
import { getProblemSupervision } from "./supervision.queries.ts";
import { auditItem, requireSupervisable } from "./supervision.shared.ts";

/** The item's listing that is not yet taken down, if any. */
export async function openListing(ctx: Ctx, problemId: string) {
  return ctx.db.selectFrom("listings").selectAll().where("openKey", "=", problemId).executeTakeFirst();
}

/** Lists the item (挂牌) and appends its event; the caller has checked who and when. */
export async function insertListing(ctx: Ctx, problem: LoadedProblem, reason: string, via?: string) {
  if (await openListing(ctx, problem.id)) throw new DomainError("already_listed");
  const id = newId();
  await ctx.db
    .insertInto("listings")
    .values({
      id,
      problemId: problem.id,
      status: "listed",
      openKey: problem.id,
      reason,
      listedBy: ctx.actor.userId,
      listedByName: ctx.actor.name,
      listedAt: iso(ctx.now()),
      delistReason: null,
      delistRequestedBy: null,
      delistRequestedByName: null,
      delistRequestedAt: null,
      verifyNote: null,
      verifiedBy: null,
      verifiedByName: null,
      delistedAt: null,
    })
    .execute();
  await auditItem(ctx, problem, "listing.listed", {
    listingId: id,
    reason,
    addresseeOrgId: problem.leadOrgId,
    ...(via && { proposalId: via }),
  });
  return id;
}

/** 挂牌督办: lists the item publicly for supervision, with the reason. */
export async function listProblem(
  ctx: Ctx,
  input: { problemId: string; reason: string },
): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    authorize(supervisionPolicy.list(ctx.actor, problem.ref));
    await insertListing(ctx, problem, input.reason.trim());
    return getProblemSupervision(ctx, problem.id);
  });
}

/** Asks for the item to be taken down (摘牌); someone else must verify it. */
export async function requestDelisting(
  ctx: Ctx,
  input: { problemId: string; reason: string },
): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    const listing = await openListing(ctx, problem.id);
    if (!listing) throw new DomainError("not_listed");
    if (listing.status !== "listed") throw new DomainError("delisting_already_requested");
    authorize(supervisionPolicy.requestDelisting(ctx.actor, problem.ref));
    await ctx.db
      .updateTable("listings")
      .set({
        status: "delisting_requested",
        delistReason: input.reason.trim(),
        delistRequestedBy: ctx.actor.userId,
        delistRequestedByName: ctx.actor.name,
        delistRequestedAt: iso(ctx.now()),
      })
      .where("id", "=", listing.id)
      .execute();
    await auditItem(ctx, problem, "listing.delisting_requested", {
      listingId: listing.id,
      reason: input.reason.trim(),
      addresseeOrgId: problem.ownerOrgId,
    });
    return getProblemSupervision(ctx, problem.id);
  });
}

/** Verifies a delisting request: approved takes the item down, refused keeps it listed. Not by the requester. */
export async function verifyDelisting(
  ctx: Ctx,
  input: { problemId: string; approve: boolean; note: string },
): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    const listing = await openListing(ctx, problem.id);
    if (!listing) throw new DomainError("not_listed");
    if (listing.status !== "delisting_requested") throw new DomainError("delisting_not_requested");
    authorize(supervisionPolicy.verifyDelisting(ctx.actor, problem.ref));
    if (ctx.actor.userId === null || ctx.actor.userId === listing.delistRequestedBy)
      throw new DomainError("delisting_needs_other_verifier");
    const now = iso(ctx.now());
    const verified = {
      verifyNote: input.note.trim(),
      verifiedBy: ctx.actor.userId,
      verifiedByName: ctx.actor.name,
    };
    await ctx.db
      .updateTable("listings")
      .set(
        input.approve
          ? { ...verified, status: "delisted", openKey: null, delistedAt: now }
          : { ...verified, status: "listed" },
      )
      .where("id", "=", listing.id)
      .execute();
    await auditItem(ctx, problem, input.approve ? "listing.delisted" : "listing.delisting_rejected", {
      listingId: listing.id,
      note: input.note.trim(),
      addresseeOrgId: problem.leadOrgId,
    });
    return getProblemSupervision(ctx, problem.id);
  });
}
