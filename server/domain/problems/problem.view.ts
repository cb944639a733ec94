import type { ProblemDetailView } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import { listProblemExtensions } from "../extensions/extension.queries.ts";
import { extensionAbilities } from "../extensions/extension.view.ts";
import { listLightHistory } from "../lights/light.view.ts";
import { measurePolicy, type TaskRef, taskAbilities } from "../tasks/task.policy.ts";
import { buildTaskTree, type TaskRowForTree } from "../tasks/task-tree.ts";
import { toProblemRows } from "./ledger.rows.ts";
import { problemAbilities } from "./problem.policy.ts";
import { findProblemById } from "./problem.queries.ts";
import { getProblemSource } from "./problem.source.ts";
import { satisfactionOutcome } from "./satisfaction.ts";

/**
 * The whole detail page of one problem in a fixed number of queries (no N+1): portrait,
 * measures with task trees, reports with evidence, review, satisfaction and abilities.
 */
export async function getProblemDetail(ctx: Ctx, id: string): Promise<ProblemDetailView> {
  const p = await findProblemById(ctx, id);
  const db = ctx.db;
  const [row] = await toProblemRows(ctx, [p]);
  const [extensions, lightHistory, source] = await Promise.all([
    listProblemExtensions(ctx, id),
    listLightHistory(ctx, id),
    getProblemSource(ctx, p),
  ]);
  const [campaign, owner, coOrgs, measures, tasks, reports, files, tokens, objections] = await Promise.all([
    db
      .selectFrom("campaigns")
      .select("settingsJson")
      .where("id", "=", p.campaignId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("orgs").select("name").where("id", "=", p.ownerOrgId).executeTakeFirstOrThrow(),
    db
      .selectFrom("problemCoOrgs")
      .innerJoin("orgs", "orgs.id", "problemCoOrgs.orgId")
      .select(["orgs.id", "orgs.name"])
      .where("problemCoOrgs.problemId", "=", id)
      .execute(),
    db
      .selectFrom("measures")
      .innerJoin("orgs", "orgs.id", "measures.leadOrgId")
      .selectAll("measures")
      .select(["orgs.name as leadOrgName", "orgs.path as leadPath"])
      .where("measures.problemId", "=", id)
      .orderBy("measures.seqNo")
      .execute(),
    db
      .selectFrom("tasks")
      .innerJoin("orgs as o", "o.id", "tasks.orgId")
      .innerJoin("orgs as a", "a.id", "tasks.assignerOrgId")
      .selectAll("tasks")
      .select(["o.name as orgName", "a.name as assignerOrgName", "a.path as assignerPath"])
      .where("tasks.problemId", "=", id)
      .orderBy("tasks.createdAt")
      .orderBy("tasks.id")
      .execute(),
    db
      .selectFrom("progressReports")
      .innerJoin("tasks", "tasks.id", "progressReports.taskId")
      .innerJoin("orgs", "orgs.id", "tasks.orgId")
      .selectAll("progressReports")
      .select(["tasks.title as taskTitle", "orgs.name as orgName"])
      .where("progressReports.problemId", "=", id)
      .orderBy("progressReports.createdAt", "desc")
      .execute(),
    db
      .selectFrom("attachments")
      .select(["id", "originalName", "mime", "size", "entityType", "entityId"])
      .where("problemId", "=", id)
      .execute(),
    db
      .selectFrom("ballotTokens")
      .select(["usedAt"])
      .where("problemId", "=", id)
      .where("round", "=", p.reviewRound)
      .execute(),
    db
      .selectFrom("objections")
      .select(["id", "round", "text", "createdAt", "answer", "upheld", "answeredAt"])
      .where("problemId", "=", id)
      .orderBy("createdAt")
      .execute(),
  ]);
  const settings = campaignSettings(campaign.settingsJson);
  const counts = JSON.parse(p.satisfactionJson ?? "{}") as Record<string, number>;
  const outcome = satisfactionOutcome(counts, settings.satisfactionThreshold);
  const parents = new Set(tasks.map((t) => t.parentTaskId).filter(Boolean));
  const treeRows: TaskRowForTree[] = tasks.map((t) => {
    const ref: TaskRef = {
      status: t.status as TaskRef["status"],
      orgPath: t.orgPath,
      assignerPath: t.assignerPath,
      hasChildren: parents.has(t.id),
      problem: p.ref,
    };
    return {
      ...t,
      abilities: {
        ...taskAbilities(ctx.actor, ref),
        ...extensionAbilities(ctx, { task: t, problem: p, extensions }),
      },
    };
  });
  const fileRef = (f: (typeof files)[number]) => ({
    id: f.id,
    originalName: f.originalName,
    mime: f.mime,
    size: f.size,
  });
  const evidenceIds = JSON.parse(p.closeoutEvidenceJson ?? "[]") as string[];
  const review = p.reviewJson ? JSON.parse(p.reviewJson) : null;
  return {
    ...row,
    categoryId: p.categoryId,
    portrait: JSON.parse(p.portraitJson),
    acceptanceStandard: p.acceptanceStandard,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: owner.name,
    coOrgs,
    isPublic: p.isPublic === 1,
    closeoutSummary: p.closeoutSummary,
    closeoutEvidence: files.filter((f) => evidenceIds.includes(f.id)).map(fileRef),
    review: review && {
      decision: review.decision,
      checklist: review.checklist,
      reason: review.reason ?? null,
      reviewerName: review.reviewerName,
      at: review.at,
    },
    satisfaction: {
      required: settings.satisfactionRequired,
      threshold: settings.satisfactionThreshold,
      scale: settings.ballotScale,
      counts,
      valid: outcome.valid,
      rate: outcome.rate,
      tokensIssued: tokens.length,
      tokensUsed: tokens.filter((t) => t.usedAt).length,
      endsAt: p.publicReviewEndsAt,
    },
    closureReason: p.closureReason,
    followupDue: p.followupDue,
    objections: objections.map((o) => ({ ...o, upheld: o.upheld === null ? null : o.upheld === 1 })),
    measures: measures.map((m) => ({
      id: m.id,
      seqNo: m.seqNo,
      title: m.title,
      target: m.target,
      deadline: m.deadline,
      leadOrgId: m.leadOrgId,
      leadOrgName: m.leadOrgName,
      weight: m.weight,
      progress: m.progress,
      abilities: { decompose: measurePolicy.decompose(ctx.actor, m.leadPath, p.ref) },
      tasks: buildTaskTree(treeRows.filter((t) => t.measureId === m.id)),
    })),
    reports: reports.map((r) => ({
      id: r.id,
      taskId: r.taskId,
      taskTitle: r.taskTitle,
      orgName: r.orgName,
      percent: r.percent,
      text: r.text,
      createdByName: r.createdByName,
      createdAt: r.createdAt,
      attachments: files.filter((f) => f.entityType === "report" && f.entityId === r.id).map(fileRef),
    })),
    extensions,
    lightHistory,
    abilities: {
      ...problemAbilities(ctx.actor, p.ref),
      ...extensionAbilities(ctx, { task: null, problem: p, extensions }),
    },
    source,
  };
}
