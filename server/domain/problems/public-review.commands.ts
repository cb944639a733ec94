import { randomBytes } from "node:crypto";
import { BALLOT_CHOICES_3, type BallotChoice } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { hashToken } from "../auth/totp.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import { DomainError } from "../errors.ts";
import { admitAnonymousWrite } from "../limits/anonymous-writes.ts";
import { closedAsRectified } from "./closeout.commands.ts";
import { objectionState } from "./objection.commands.ts";
import { findProblemById, type LoadedProblem, loadProblem } from "./problem.queries.ts";
import { guard, problemScopePath, transitionProblem } from "./problem.transition.ts";
import { getProblemDetail } from "./problem.view.ts";
import { type BallotCounts, satisfactionOutcome } from "./satisfaction.ts";

export const ballotUrl = (token: string) => `/ballot?t=${token}`;

/** Issues one-time ballot tokens for the people who must approve; shown once, stored hashed. */
export async function issueBallotTokens(
  ctx: Ctx,
  input: { problemId: string; count: number; labels?: string[] },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    if (problem.status !== "public_review")
      throw new DomainError("illegal_transition", { status: problem.status });
    guard(ctx, problem, "issueBallots", "publicPass");
    const expiresAt = problem.publicReviewEndsAt as string;
    const now = iso(ctx.now());
    const tokens = Array.from({ length: input.count }, (_, i) => ({
      token: randomBytes(16).toString("base64url"),
      label: input.labels?.[i]?.trim() || null,
    }));
    await ctx.db
      .insertInto("ballotTokens")
      .values(
        tokens.map((t) => ({
          id: newId(),
          problemId: problem.id,
          round: problem.reviewRound,
          tokenHash: hashToken(t.token),
          label: t.label,
          expiresAt,
          usedAt: null,
          createdAt: now,
        })),
      )
      .execute();
    await recordAudit(ctx, {
      type: "ballot.tokens_issued",
      entityType: "problem",
      entityId: problem.id,
      scopePath: problemScopePath(problem),
      data: { count: input.count, round: problem.reviewRound, labels: tokens.map((t) => t.label) },
    });
    return { expiresAt, tokens: tokens.map((t) => ({ ...t, url: ballotUrl(t.token) })) };
  });
}

const countsOf = (p: { satisfactionJson: string | null }): BallotCounts =>
  JSON.parse(p.satisfactionJson ?? "{}");

/** The round's counts as the ballots table holds them: derived, never incremented, so no vote is lost. */
async function countBallots(ctx: Ctx, problemId: string, round: number): Promise<BallotCounts> {
  const rows = await ctx.db
    .selectFrom("ballots")
    .select(["choice", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("problemId", "=", problemId)
    .where("round", "=", round)
    .groupBy("choice")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.choice, Number(r.n)])) as BallotCounts;
}

/** Decides a public review by the campaign's rule: closed as rectified, or back to work with the reopen count raised. */
async function decide(ctx: Ctx, problem: LoadedProblem, trigger: string) {
  const campaign = await ctx.db
    .selectFrom("campaigns")
    .select("settingsJson")
    .where("id", "=", problem.campaignId)
    .executeTakeFirstOrThrow();
  // An upheld objection fails the review; unanswered ones must be answered before it can end.
  const objections = await objectionState(ctx, problem.id, problem.reviewRound);
  if (objections.unanswered > 0) throw new DomainError("objections_unanswered");
  const outcome = satisfactionOutcome(
    countsOf(problem),
    campaignSettings(campaign.settingsJson).satisfactionThreshold,
  );
  const passes = outcome.passes && !objections.upheld;
  const data = {
    trigger,
    counts: countsOf(problem),
    rate: outcome.rate,
    objectionUpheld: objections.upheld,
    passes,
  };
  if (passes) {
    await transitionProblem(
      ctx,
      problem,
      "publicPass",
      { type: "problem.public_review_closed", data },
      await closedAsRectified(ctx, problem),
    );
  } else {
    await transitionProblem(
      ctx,
      problem,
      "publicFail",
      { type: "problem.public_review_closed", data },
      { publicReviewEndsAt: null },
    );
  }
  return outcome;
}

async function loadToken(ctx: Ctx, token: string) {
  const row = await ctx.db
    .selectFrom("ballotTokens")
    .selectAll()
    .where("tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) throw new DomainError("ballot_token_unknown");
  if (row.usedAt) throw new DomainError("ballot_token_used");
  if (new Date(row.expiresAt) <= ctx.now()) throw new DomainError("ballot_token_expired");
  let q = ctx.db.selectFrom("problems").selectAll().where("id", "=", row.problemId);
  // Casting locks the item on PostgreSQL: concurrent ballots of one item queue here, so each
  // sees the ballots committed before it and the last one alone decides the review.
  if (ctx.inTransaction && ctx.engine === "postgres") q = q.forUpdate();
  const problem = await q.executeTakeFirstOrThrow();
  if (problem.status !== "public_review" || problem.reviewRound !== row.round)
    throw new DomainError("ballot_closed");
  return { row, problem };
}

/** What a voter sees before choosing (no login: the token is the credential). */
export async function getBallotInfo(ctx: Ctx, input: { token: string }) {
  const { problem } = await loadToken(ctx, input.token);
  const campaign = await ctx.db
    .selectFrom("campaigns")
    .select("settingsJson")
    .where("id", "=", problem.campaignId)
    .executeTakeFirstOrThrow();
  return {
    problemCode: problem.code,
    title: problem.title,
    summary: problem.closeoutSummary,
    scale: campaignSettings(campaign.settingsJson).ballotScale,
  };
}

/**
 * One token, one vote. The last token of a round closes the review at once. Limited per client
 * address (counted even when the token is wrong) and per item (BALLOTS_PER_*).
 */
export async function castBallot(ctx: Ctx, input: { token: string; choice: BallotChoice; comment?: string }) {
  await admitAnonymousWrite(ctx, "ballot", { address: true });
  return inTx(ctx, async (ctx) => {
    const { row, problem } = await loadToken(ctx, input.token);
    await admitAnonymousWrite(ctx, "ballot", { item: problem.id });
    const campaign = await ctx.db
      .selectFrom("campaigns")
      .select("settingsJson")
      .where("id", "=", problem.campaignId)
      .executeTakeFirstOrThrow();
    if (
      campaignSettings(campaign.settingsJson).ballotScale === 3 &&
      !(BALLOT_CHOICES_3 as readonly string[]).includes(input.choice)
    ) {
      throw new DomainError("ballot_choice_invalid", {}, [{ field: "choice", code: "enum" }]);
    }
    const now = iso(ctx.now());
    // The used_at guard makes a concurrent second vote with the same token update nothing.
    const used = await ctx.db
      .updateTable("ballotTokens")
      .set({ usedAt: now })
      .where("id", "=", row.id)
      .where("usedAt", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new DomainError("ballot_token_used");
    await ctx.db
      .insertInto("ballots")
      .values({
        id: newId(),
        problemId: problem.id,
        round: row.round,
        tokenId: row.id,
        choice: input.choice,
        comment: input.comment ?? null,
        createdAt: now,
      })
      .execute();
    const counts = await countBallots(ctx, problem.id, row.round);
    await ctx.db
      .updateTable("problems")
      .set({ satisfactionJson: JSON.stringify(counts), updatedAt: now })
      .where("id", "=", problem.id)
      .execute();
    const left = await ctx.db
      .selectFrom("ballotTokens")
      .select("id")
      .where("problemId", "=", problem.id)
      .where("round", "=", row.round)
      .where("usedAt", "is", null)
      .executeTakeFirst();
    await recordAudit(ctx, {
      type: "ballot.cast",
      entityType: "problem",
      entityId: problem.id,
      scopePath: problemScopePath(problem),
      data: { round: row.round, choice: input.choice, comment: input.comment ?? null, lastToken: !left },
    });
    // The last ballot closes the review, unless objections still wait for an answer.
    const waiting = (await objectionState(ctx, problem.id, row.round)).unanswered > 0;
    if (!left && !waiting) await decide(ctx, await loadProblem(ctx, problem.id), "all_tokens_used");
    return { ok: true };
  });
}

/** A coordinator ends the public review now and the rule decides. */
export async function closePublicReview(ctx: Ctx, input: { problemId: string }) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    guard(ctx, problem, "closePublicReview", "publicPass");
    await decide(ctx, problem, "coordinator");
    return getProblemDetail(ctx, problem.id);
  });
}

/** The job: every public review whose period has ended is decided. Returns how many. */
export async function closeExpiredPublicReviews(ctx: Ctx): Promise<number> {
  const due = await ctx.db
    .selectFrom("problems")
    .select("id")
    .where("status", "=", "public_review")
    .where("publicReviewEndsAt", "<=", iso(ctx.now()))
    .execute();
  for (const { id } of due) {
    await inTx(ctx, async (ctx) => {
      const problem = await findProblemById(ctx, id);
      const waiting = (await objectionState(ctx, id, problem.reviewRound)).unanswered > 0;
      if (problem.status === "public_review" && !waiting) await decide(ctx, problem, "period_ended");
    });
  }
  return due.length;
}
