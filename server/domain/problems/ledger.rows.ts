import type { ProblemRowView } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import { lightFields } from "../lights/light.view.ts";
import type { ProblemRow } from "./problem.queries.ts";

const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** 阶段节点: measures by deadline (then number); a measure is done once its rolled-up progress is 100. */
function toMilestones(measures: { seqNo: number; title: string; deadline: string; progress: number }[]) {
  return measures
    .map((m) => ({ seqNo: m.seqNo, title: m.title, deadline: m.deadline, done: m.progress >= 100 }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.seqNo - b.seqNo);
}

/** Ledger rows (DOMAIN.md §4 columns) for a page of problems, in a fixed number of batched queries. */
export async function toProblemRows(ctx: Ctx, problems: ProblemRow[]): Promise<ProblemRowView[]> {
  if (problems.length === 0) return [];
  const ids = problems.map((p) => p.id);
  const none = ["-"];
  const [campaigns, categories, leads, coOrgs, taskOrgs, measures, evidence] = await Promise.all([
    ctx.db
      .selectFrom("campaigns")
      .select(["id", "name"])
      .where("id", "in", unique(problems.map((p) => p.campaignId)))
      .execute(),
    ctx.db
      .selectFrom("campaignCategories")
      .select(["id", "name"])
      .where("id", "in", unique(problems.map((p) => p.categoryId)).concat(none))
      .execute(),
    ctx.db
      .selectFrom("orgs")
      .select(["id", "name"])
      .where("id", "in", unique(problems.map((p) => p.leadOrgId)).concat(none))
      .execute(),
    ctx.db
      .selectFrom("problemCoOrgs")
      .innerJoin("orgs", "orgs.id", "problemCoOrgs.orgId")
      .select(["problemCoOrgs.problemId", "orgs.name"])
      .where("problemCoOrgs.problemId", "in", ids)
      .execute(),
    ctx.db
      .selectFrom("tasks")
      .innerJoin("orgs", "orgs.id", "tasks.orgId")
      .select(["tasks.problemId", "orgs.id", "orgs.name", "orgs.path"])
      .distinct()
      .where("tasks.problemId", "in", ids)
      .orderBy("orgs.path")
      .execute(),
    ctx.db
      .selectFrom("measures")
      .select(["problemId", "seqNo", "title", "deadline", "progress"])
      .where("problemId", "in", ids)
      .orderBy("seqNo")
      .execute(),
    ctx.db
      .selectFrom("attachments")
      .select(["problemId", (eb) => eb.fn.countAll<number>().as("n")])
      .where("problemId", "in", ids)
      .groupBy("problemId")
      .execute(),
  ]);
  const name = (list: { id: string; name: string }[], id: string | null) =>
    list.find((x) => x.id === id)?.name ?? null;
  return problems.map((p) => {
    const own = measures.filter((m) => m.problemId === p.id);
    const review = p.reviewJson ? (JSON.parse(p.reviewJson) as { decision: string; reason?: string }) : null;
    return {
      id: p.id,
      code: p.code,
      title: p.title,
      campaignId: p.campaignId,
      campaignName: name(campaigns, p.campaignId) ?? "",
      categoryName: name(categories, p.categoryId),
      sourceType: p.sourceType as ProblemRowView["sourceType"],
      sourceRef: p.sourceRef,
      description: p.description,
      target: p.target,
      rectifyType: p.rectifyType as ProblemRowView["rectifyType"],
      responsibleLeader: p.responsibleLeader,
      responsiblePerson: p.responsiblePerson,
      leadOrgId: p.leadOrgId,
      leadOrgName: name(leads, p.leadOrgId),
      coOrgNames: coOrgs.filter((c) => c.problemId === p.id).map((c) => c.name),
      measuresSummary: own.map((m) => `${m.seqNo}. ${m.title}`).join("；"),
      responsibleOrgNames: taskOrgs.filter((o) => o.problemId === p.id).map((o) => o.name),
      milestones: toMilestones(own),
      originalDeadline: p.originalDeadline,
      deadline: p.deadline,
      status: p.status as ProblemRowView["status"],
      closureKind: p.closureKind as ProblemRowView["closureKind"],
      progress: p.progress,
      reopenCount: p.reopenCount,
      closeoutRequestedAt: p.closeoutRequestedAt,
      reviewOpinion: review
        ? review.decision === "approve"
          ? "通过"
          : `退回：${review.reason ?? ""}`
        : null,
      closedAt: p.closedAt,
      followupResult: p.followupResult,
      evidenceCount: Number(evidence.find((e) => e.problemId === p.id)?.n ?? 0),
      remarks: p.remarks,
      updatedAt: p.updatedAt,
      ...lightFields(p),
    };
  });
}
