import type { ProblemStatus, RectifyType } from "../../contract/enums.ts";
import { withActor } from "../context.ts";
import { publicActor } from "../domain/access/actor.ts";
import { uploadAttachment } from "../domain/attachments/attachment.commands.ts";
import { requestCloseOut, reviewCloseOut } from "../domain/problems/closeout.commands.ts";
import { acknowledgeProblem, assignProblem, registerProblem } from "../domain/problems/problem.commands.ts";
import { castBallot, issueBallotTokens } from "../domain/problems/public-review.commands.ts";
import { addMeasure, decomposeMeasure } from "../domain/tasks/measure.commands.ts";
import { submitProgressReport } from "../domain/tasks/task.commands.ts";
import type { TestDb } from "./support.ts";

/** How far to take a fixture problem along the loop. */
export type Stage = ProblemStatus | "tasked" | "task_done";
const ORDER: Stage[] = [
  "registered",
  "assigned",
  "rectifying",
  "tasked",
  "task_done",
  "closeout_requested",
  "public_review",
  "closed",
];

export const PNG_BYTES = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
export const ALL_CHECKS = {
  factsClear: true,
  problemSolved: true,
  tasksDone: true,
  conclusionAccurate: true,
  compliant: true,
  formatCorrect: true,
};

/**
 * A problem owned by `owner` (a campaign there is made once per test db) and led by `lead`,
 * taken to `stage` with real commands, so its audit trail and derived state are genuine.
 */
export async function buildProblem(
  t: TestDb,
  opts: {
    owner: string;
    lead: string;
    stage: Stage;
    rectifyType?: RectifyType;
    title?: string;
    isPublic?: boolean;
  },
) {
  const sys = t.sys;
  const campaign = await t.build.campaign({ owner: opts.owner });
  const reach = (s: Stage) => ORDER.indexOf(opts.stage) >= ORDER.indexOf(s);
  let p = await registerProblem(sys, {
    campaignId: campaign.id,
    sourceType: "research",
    title: opts.title ?? "村级组织活动场所管理不规范",
    description: "部分村活动场所长期闲置，制度上墙不落实",
    portrait: { symptoms: ["场所闲置", "制度不落实"] },
    rectifyType: opts.rectifyType ?? "deadline",
    target: "规范管理",
    acceptanceStandard: "场所正常使用",
    isPublic: opts.isPublic,
  });
  const id = p.id;
  if (reach("assigned"))
    p = await assignProblem(sys, { problemId: id, leadOrgId: t.org(opts.lead).id, deadline: "2026-12-31" });
  if (reach("rectifying")) p = await acknowledgeProblem(sys, { problemId: id });
  let attachmentId: string | null = null;
  if (reach("tasked")) {
    p = await addMeasure(sys, { problemId: id, title: "逐村排查整改", deadline: "2026-12-20" });
    p = await decomposeMeasure(sys, { measureId: p.measures[0].id, tasks: [{ orgId: t.org(opts.lead).id }] });
  }
  if (reach("task_done")) {
    const clerk = await t.build.user({ roles: [["unit_staff", opts.lead]] });
    const clerkCtx = await t.ctxFor(clerk);
    attachmentId = (await uploadAttachment(clerkCtx, { bytes: PNG_BYTES, fileName: "现场.png" })).id;
    p = await submitProgressReport(clerkCtx, {
      taskId: p.measures[0].tasks[0].id,
      percent: 100,
      text: "已完成",
      attachmentIds: [attachmentId],
    });
  }
  if (reach("closeout_requested")) {
    p = await requestCloseOut(sys, {
      problemId: id,
      summary: "整改完成",
      attachmentIds: [attachmentId as string],
    });
  }
  if (reach("public_review"))
    p = await reviewCloseOut(sys, { problemId: id, decision: "approve", checklist: ALL_CHECKS });
  if (reach("closed")) {
    const { tokens } = await issueBallotTokens(sys, { problemId: id, count: 1 });
    await castBallot(withActor(sys, publicActor()), { token: tokens[0].token, choice: "satisfied" });
  }
  return {
    id,
    code: p.code,
    taskId: p.measures[0]?.tasks[0]?.id as string,
    measureId: p.measures[0]?.id as string,
    attachmentId,
    campaignId: campaign.id,
  };
}
