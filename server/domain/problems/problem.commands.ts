import type { CreateProblemInput } from "../../../contract/schemas/problem.ts";
import { type Ctx, inTx } from "../../context.ts";
import { bit, iso, newId } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { findCampaignById } from "../campaigns/campaign.queries.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import { authorize, invalid } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { problemPolicy } from "./problem.policy.ts";
import { findProblemById } from "./problem.queries.ts";
import { addProblemScopes } from "./problem.scopes.ts";
import { guard, problemScopePath, transitionProblem } from "./problem.transition.ts";
import { getProblemDetail } from "./problem.view.ts";
import { nextProblemCode } from "./problem-code.ts";

/** Remarks as stored: trimmed, and null when nothing is left. */
const cleanRemarks = (text: string | null | undefined) => text?.trim() || null;

/** Registers (立项) a problem with its portrait under a campaign; coordinators only. */
export async function registerProblem(ctx: Ctx, input: CreateProblemInput) {
  return inTx(ctx, async (ctx) => {
    const campaign = await findCampaignById(ctx, input.campaignId);
    const owner = await findOrgById(ctx, input.ownerOrgId ?? campaign.ownerOrgId);
    authorize(hasRole(ctx.actor, "coordinator", owner.path));
    if (input.categoryId) {
      const cat = await ctx.db
        .selectFrom("campaignCategories")
        .select("id")
        .where("id", "=", input.categoryId)
        .where("campaignId", "=", campaign.id)
        .executeTakeFirst();
      if (!cat) throw invalid("category_not_in_campaign", "categoryId");
    }
    if (!campaignSettings(campaign.settingsJson).allowedRectifyTypes.includes(input.rectifyType)) {
      throw invalid("rectify_type_not_allowed", "rectifyType");
    }
    const id = newId();
    const code = await nextProblemCode(ctx);
    const remarks = cleanRemarks(input.remarks);
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("problems")
      .values({
        id,
        code,
        campaignId: campaign.id,
        categoryId: input.categoryId ?? null,
        sourceType: input.sourceType,
        sourceRef: input.sourceRef ?? null,
        title: input.title.trim(),
        description: input.description.trim(),
        portraitJson: JSON.stringify(input.portrait ?? { symptoms: [] }),
        rectifyType: input.rectifyType,
        target: input.target,
        acceptanceStandard: input.acceptanceStandard,
        responsibleLeader: input.responsibleLeader ?? null,
        responsiblePerson: input.responsiblePerson ?? null,
        ownerOrgId: owner.id,
        ownerPath: owner.path,
        leadOrgId: null,
        leadPath: null,
        originalDeadline: null,
        deadline: null,
        isPublic: bit(input.isPublic ?? false),
        remarks,
        status: "registered",
        closureKind: null,
        reopenCount: 0,
        progress: 0,
        closeoutSummary: null,
        closeoutRequestedAt: null,
        closeoutEvidenceJson: null,
        reviewJson: null,
        reviewedAt: null,
        reviewRound: 0,
        publicReviewEndsAt: null,
        satisfactionJson: null,
        closedAt: null,
        closureReason: null,
        followupDue: null,
        followupResult: null,
        light: "green",
        lightReasonsJson: null,
        plannedProgress: 0,
        lightChangedAt: null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await addProblemScopes(ctx, id, [owner.path]);
    await recordAudit(ctx, {
      type: "problem.registered",
      entityType: "problem",
      entityId: id,
      scopePath: owner.path,
      data: {
        code,
        title: input.title,
        campaignId: campaign.id,
        sourceType: input.sourceType,
        ...(remarks && { remarks }),
      },
    });
    return getProblemDetail(ctx, id);
  });
}

/** Hands a registered problem to its lead unit (and co-operating units) with a deadline. */
export async function assignProblem(
  ctx: Ctx,
  input: {
    problemId: string;
    leadOrgId: string;
    coOrgIds?: string[];
    deadline: string;
    responsibleLeader?: string;
    responsiblePerson?: string;
  },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    guard(ctx, problem, "assign", "assign");
    const orgInScope = async (id: string, field: string) => {
      const org = await findOrgById(ctx, id).catch(() => null);
      if (!org || !hasRole(ctx.actor, "coordinator", org.path)) throw invalid("org_outside_scope", field);
      if (org.active !== 1) throw invalid("org_inactive", field);
      return org;
    };
    const lead = await orgInScope(input.leadOrgId, "leadOrgId");
    const coIds = [...new Set(input.coOrgIds ?? [])].filter((id) => id !== lead.id);
    const coOrgs = [];
    for (const [i, id] of coIds.entries()) coOrgs.push(await orgInScope(id, `coOrgIds/${i}`));
    await transitionProblem(
      ctx,
      problem,
      "assign",
      { type: "problem.assigned", data: { leadOrgId: lead.id, coOrgIds: coIds, deadline: input.deadline } },
      {
        leadOrgId: lead.id,
        leadPath: lead.path,
        deadline: input.deadline,
        originalDeadline: input.deadline,
        assignedOn: shanghaiDate(ctx.now()),
        responsibleLeader: input.responsibleLeader ?? problem.responsibleLeader,
        responsiblePerson: input.responsiblePerson ?? problem.responsiblePerson,
      },
    );
    if (coIds.length > 0) {
      await ctx.db
        .insertInto("problemCoOrgs")
        .values(coIds.map((orgId) => ({ problemId: problem.id, orgId })))
        .execute();
    }
    await addProblemScopes(ctx, problem.id, [lead.path, ...coOrgs.map((o) => o.path)]);
    return getProblemDetail(ctx, problem.id);
  });
}

/** The lead unit signs for (签收) an assigned problem; rectification starts. */
export async function acknowledgeProblem(ctx: Ctx, input: { problemId: string }) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    guard(ctx, problem, "acknowledge", "acknowledge");
    await transitionProblem(ctx, problem, "acknowledge", { type: "problem.acknowledged" });
    return getProblemDetail(ctx, problem.id);
  });
}

/** A long-term item reaches a stage: it stays on the ledger as 持续整改 with periodic reports. */
export async function stageCloseProblem(ctx: Ctx, input: { problemId: string; summary: string }) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    if (problem.rectifyType !== "long_term") throw invalid("not_long_term", "problemId");
    guard(ctx, problem, "stageClose", "stageClose");
    await transitionProblem(ctx, problem, "stageClose", {
      type: "problem.stage_closed",
      data: { summary: input.summary },
    });
    return getProblemDetail(ctx, problem.id);
  });
}

/** 回头看: a closed item is checked again; a relapse puts it back on the ledger. */
export async function followUpProblem(
  ctx: Ctx,
  input: { problemId: string; outcome: "ok" | "relapse"; note: string },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    if (problem.status === "closed" && problem.closureKind !== "rectified")
      throw invalid("not_rectified", "problemId");
    guard(ctx, problem, "followUp", input.outcome === "ok" ? "followUpOk" : "followUpRelapse");
    const result = `${input.outcome}: ${input.note}`;
    if (input.outcome === "ok") {
      await transitionProblem(
        ctx,
        problem,
        "followUpOk",
        { type: "problem.followed_up", data: { outcome: "ok", note: input.note } },
        {
          followupResult: result,
          followupDue: null,
        },
      );
    } else {
      await transitionProblem(
        ctx,
        problem,
        "followUpRelapse",
        { type: "problem.followed_up", data: { outcome: "relapse", note: input.note } },
        { followupResult: result, followupDue: null, closureKind: null, closedAt: null },
      );
    }
    return getProblemDetail(ctx, problem.id);
  });
}

/** Takes an item off the ledger without counting it as fixed (duplicate, not in remit, withdrawn). */
export async function withdrawProblem(
  ctx: Ctx,
  input: { problemId: string; kind: "duplicate" | "not_in_remit" | "withdrawn"; reason: string },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    guard(ctx, problem, "withdraw", "withdraw");
    await transitionProblem(
      ctx,
      problem,
      "withdraw",
      { type: "problem.withdrawn", data: { kind: input.kind, reason: input.reason } },
      { closureKind: input.kind, closureReason: input.reason, closedAt: iso(ctx.now()) },
    );
    return getProblemDetail(ctx, problem.id);
  });
}

/** Sets or clears the problem's remarks (备注); its office's coordinator or its lead unit. */
export async function updateProblemRemarks(ctx: Ctx, input: { problemId: string; remarks: string | null }) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    authorize(problemPolicy.editRemarks(ctx.actor, problem.ref));
    const remarks = cleanRemarks(input.remarks);
    await ctx.db
      .updateTable("problems")
      .set({ remarks, updatedAt: iso(ctx.now()) })
      .where("id", "=", problem.id)
      .execute();
    await recordAudit(ctx, {
      type: "problem.remarks_updated",
      entityType: "problem",
      entityId: problem.id,
      scopePath: problemScopePath(problem),
      data: { remarks, previous: problem.remarks },
    });
    return getProblemDetail(ctx, problem.id);
  });
}
