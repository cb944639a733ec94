import { createHash } from "node:crypto";
import { type Ctx, inTx } from "../../context.ts";
import { bit, iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError, notFound } from "../errors.ts";
import { admitAnonymousWrite } from "../limits/anonymous-writes.ts";
import { problemPolicy } from "./problem.policy.ts";
import { findProblemById } from "./problem.queries.ts";
import { problemScopePath } from "./problem.transition.ts";
import { getProblemDetail } from "./problem.view.ts";

/**
 * Who said what: a hash of the client address and the text with its spacing normalised, so the
 * same objection sent again from the same address folds into the first.
 */
export function objectionFingerprint(address: string | null, text: string): string {
  const normalised = text.normalize("NFKC").replace(/\s+/g, " ").trim();
  return createHash("sha256")
    .update(`${address ?? "-"}\n${normalised}`)
    .digest("base64url");
}

/**
 * Anyone may object (异议) to a public item while it is on notice (public review); the
 * submitter's contact is kept for the coordinator only. Limited per address and per item
 * (PUBLIC_RATE_*, OBJECTIONS_PER_*); a duplicate (same text, same address, same item and round)
 * is accepted and folded into the first.
 */
export async function lodgeObjection(
  ctx: Ctx,
  input: { problemCode: string; text: string; contact?: string },
) {
  await admitAnonymousWrite(ctx, "objection", { address: true });
  await admitAnonymousWrite(ctx, "objection", { item: input.problemCode });
  return inTx(ctx, async (ctx) => {
    const problem = await ctx.db
      .selectFrom("problems")
      .selectAll()
      .where("code", "=", input.problemCode)
      .executeTakeFirst();
    if (problem?.isPublic !== 1 || problem.status !== "public_review")
      throw new DomainError("not_on_public_notice");
    const id = newId();
    const inserted = await ctx.db
      .insertInto("objections")
      .values({
        id,
        problemId: problem.id,
        round: problem.reviewRound,
        text: input.text,
        contact: input.contact ?? null,
        createdAt: iso(ctx.now()),
        answer: null,
        upheld: null,
        answeredBy: null,
        answeredAt: null,
        fingerprint: objectionFingerprint(ctx.ip, input.text),
      })
      .onConflict((oc) => oc.columns(["problemId", "round", "fingerprint"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { ok: true };
    await recordAudit(ctx, {
      type: "objection.lodged",
      entityType: "problem",
      entityId: problem.id,
      scopePath: problemScopePath(problem),
      data: { objectionId: id, round: problem.reviewRound, text: input.text },
    });
    return { ok: true };
  });
}

/** The coordinator answers an objection, saying whether it is upheld (an upheld one fails the review). */
export async function answerObjection(
  ctx: Ctx,
  input: { problemId: string; objectionId: string; answer: string; upheld: boolean },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    authorize(problemPolicy.closePublicReview(ctx.actor, problem.ref));
    const objection = await ctx.db
      .selectFrom("objections")
      .selectAll()
      .where("id", "=", input.objectionId)
      .where("problemId", "=", problem.id)
      .executeTakeFirst();
    if (!objection) throw notFound();
    if (objection.answeredAt) throw new DomainError("conflict");
    await ctx.db
      .updateTable("objections")
      .set({
        answer: input.answer,
        upheld: bit(input.upheld),
        answeredBy: ctx.actor.userId,
        answeredAt: iso(ctx.now()),
      })
      .where("id", "=", objection.id)
      .execute();
    await recordAudit(ctx, {
      type: "objection.answered",
      entityType: "problem",
      entityId: problem.id,
      scopePath: problemScopePath(problem),
      data: { objectionId: objection.id, upheld: input.upheld, answer: input.answer },
    });
    return getProblemDetail(ctx, problem.id);
  });
}

/** The objections of the current round: how many are still unanswered, and whether any was upheld. */
export async function objectionState(ctx: Ctx, problemId: string, round: number) {
  const rows = await ctx.db
    .selectFrom("objections")
    .select(["answeredAt", "upheld"])
    .where("problemId", "=", problemId)
    .where("round", "=", round)
    .execute();
  return { unanswered: rows.filter((r) => !r.answeredAt).length, upheld: rows.some((r) => r.upheld === 1) };
}
