import { REVIEW_CHECKLIST, type ReviewCheck } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { bindAttachments } from "../attachments/attachment.commands.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import { DomainError, invalid } from "../errors.ts";
import { findProblemById, type LoadedProblem } from "./problem.queries.ts";
import { guard, transitionProblem } from "./problem.transition.ts";
import { getProblemDetail } from "./problem.view.ts";

/** Every measure has tasks and every task without subtasks is reported done or accepted. */
async function allMeasuresDone(ctx: Ctx, problemId: string): Promise<boolean> {
  const measures = await ctx.db
    .selectFrom("measures")
    .select("id")
    .where("problemId", "=", problemId)
    .execute();
  if (measures.length === 0) return false;
  const tasks = await ctx.db
    .selectFrom("tasks")
    .select(["id", "measureId", "parentTaskId", "status"])
    .where("problemId", "=", problemId)
    .execute();
  const parents = new Set(tasks.map((t) => t.parentTaskId).filter(Boolean));
  const leavesDone = tasks
    .filter((t) => !parents.has(t.id))
    .every((t) => t.status === "done_reported" || t.status === "accepted");
  return leavesDone && measures.every((m) => tasks.some((t) => t.measureId === m.id));
}

/** The lead unit asks to strike the item off: all measures done, a summary and evidence. */
export async function requestCloseOut(
  ctx: Ctx,
  input: { problemId: string; summary: string; attachmentIds: string[] },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    guard(ctx, problem, "requestCloseOut", "requestCloseOut");
    if (!(await allMeasuresDone(ctx, problem.id))) throw new DomainError("measures_not_done");
    if (input.attachmentIds.length === 0) throw invalid("evidence_required", "attachmentIds");
    const evidence = await bindAttachments(ctx, input.attachmentIds, {
      problemId: problem.id,
      entityType: "closeout",
      entityId: problem.id,
      allowProblemFiles: true,
    });
    await transitionProblem(
      ctx,
      problem,
      "requestCloseOut",
      { type: "problem.closeout_requested", data: { summary: input.summary, attachmentIds: evidence } },
      {
        closeoutSummary: input.summary,
        closeoutRequestedAt: iso(ctx.now()),
        closeoutEvidenceJson: JSON.stringify(evidence),
      },
    );
    return getProblemDetail(ctx, problem.id);
  });
}

/** Adds whole months in UTC, clamping to the month's last day (3 months after 30 Nov is 28 Feb). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()),
  );
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(d.getUTCDate(), last));
  return r;
}

/** Closing as rectified also schedules the follow-up (回头看). */
export async function closedAsRectified(ctx: Ctx, problem: LoadedProblem) {
  const settings = await ctx.db
    .selectFrom("campaigns")
    .select("settingsJson")
    .where("id", "=", problem.campaignId)
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  return {
    closureKind: "rectified",
    closedAt: iso(now),
    followupDue: addMonths(now, campaignSettings(settings.settingsJson).followUpMonths)
      .toISOString()
      .slice(0, 10),
  };
}

/**
 * Verifies a close-out against the six-point checklist. Approval needs every point met and opens
 * public review where the campaign requires satisfaction; rejection needs a reason (退回重办).
 */
export async function reviewCloseOut(
  ctx: Ctx,
  input: {
    problemId: string;
    decision: "approve" | "reject";
    checklist: Record<ReviewCheck, boolean>;
    reason?: string;
  },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    const now = iso(ctx.now());
    const review = JSON.stringify({ ...input, problemId: undefined, reviewerName: ctx.actor.name, at: now });
    if (input.decision === "reject") {
      guard(ctx, problem, "review", "reject");
      if (!input.reason?.trim()) throw invalid("reason_required", "reason");
      await transitionProblem(
        ctx,
        problem,
        "reject",
        { type: "problem.review_rejected", data: { checklist: input.checklist, reason: input.reason } },
        {
          reviewJson: review,
          reviewedAt: now,
        },
      );
      return getProblemDetail(ctx, problem.id);
    }
    guard(ctx, problem, "review", "approveToPublic");
    if (!REVIEW_CHECKLIST.every((k) => input.checklist[k]))
      throw invalid("checklist_incomplete", "checklist");
    const campaign = await ctx.db
      .selectFrom("campaigns")
      .select("settingsJson")
      .where("id", "=", problem.campaignId)
      .executeTakeFirstOrThrow();
    const settings = campaignSettings(campaign.settingsJson);
    const event = {
      type: "problem.review_approved" as const,
      data: { checklist: input.checklist, publicReview: settings.satisfactionRequired },
    };
    if (settings.satisfactionRequired) {
      const ends = new Date(ctx.now().getTime() + settings.publicNoticeDays * 86_400_000);
      await transitionProblem(ctx, problem, "approveToPublic", event, {
        reviewJson: review,
        reviewedAt: now,
        reviewRound: problem.reviewRound + 1,
        publicReviewEndsAt: iso(ends),
        satisfactionJson: JSON.stringify({}),
      });
    } else {
      await transitionProblem(ctx, problem, "approveToClosed", event, {
        reviewJson: review,
        reviewedAt: now,
        ...(await closedAsRectified(ctx, problem)),
      });
    }
    return getProblemDetail(ctx, problem.id);
  });
}
