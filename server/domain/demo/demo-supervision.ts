import { type Ctx, withActor } from "../../context.ts";
import { loadActor } from "../auth/session.queries.ts";
import { issueCircular } from "../supervision/circular.commands.ts";
import { listProblem } from "../supervision/listing.commands.ts";
import { issueSupervisionNotice, respondToNotice } from "../supervision/notice.commands.ts";
import { proposeEscalation } from "../supervision/proposal.commands.ts";
import { urgeProblem } from "../supervision/urging.commands.ts";

/**
 * The demo's 督办中心: urgings, red 督办单 answered and unanswered, one listed item, a circular and
 * a proposal waiting for the coordinator, all through the real commands.
 */
export async function seedDemoSupervision(ctx: Ctx, campaignId: string, userIdOf: (name: string) => string) {
  const as = async (name: string) => withActor(ctx, await loadActor(ctx, userIdOf(name)));
  const ddz = await as("ddz");
  const zgb = await as("zgb");
  const rectifying = await ctx.db
    .selectFrom("problems")
    .innerJoin("orgs", "orgs.id", "problems.leadOrgId")
    .select(["problems.id", "orgs.code"])
    .where("problems.campaignId", "=", campaignId)
    .where("problems.status", "=", "rectifying")
    .orderBy("problems.code")
    .execute();
  const nanning = rectifying.filter((p) => p.code === "450100");
  const liuzhou = rectifying.filter((p) => p.code === "450200");
  if (nanning.length < 3 || liuzhou.length < 1) return;
  const [answered, open, listed] = nanning;

  await urgeProblem(ddz, {
    problemId: answered.id,
    method: "phone",
    note: "电话督促南宁市加快推进整改，按期报送进展",
  });
  await urgeProblem(ddz, {
    problemId: listed.id,
    method: "on_site",
    note: "实地督导，现场查看整改进展，指出问题3个",
  });
  await urgeProblem(zgb, {
    problemId: liuzhou[0].id,
    method: "letter",
    note: "发函催办，要求5个工作日内报送整改进展",
  });

  const red = {
    level: "red" as const,
    body: "你单位牵头整改的该问题进度明显滞后于序时进度，群众反映较为强烈。根据问题整改督办有关规定，现予以红色督办。",
    requirements:
      "请主要负责同志亲自研究部署，逐项对照整改目标和措施抓好落实，按期书面报告整改进展及下一步措施。",
  };
  const first = await issueSupervisionNotice(ddz, { ...red, problemId: answered.id });
  await respondToNotice(await as("nanning"), {
    noticeId: first.id,
    text: "收到督办单后，我市立即召开专题会议研究部署，成立工作专班，已完成全部村级排查，整改进度提升至60%，预计按期完成。",
  });
  await issueSupervisionNotice(ddz, { ...red, problemId: open.id });
  await issueSupervisionNotice(zgb, {
    problemId: liuzhou[0].id,
    level: "yellow",
    body: "该问题整改进展缓慢，请加快推进。",
    requirements: "请按期书面报告整改进展。",
  });

  await listProblem(ddz, { problemId: listed.id, reason: "群众反映强烈，整改久拖未决，经研究予以挂牌督办" });
  await proposeEscalation(ctx, {
    problemId: open.id,
    kind: "interview",
    reason: "该问题持续亮红灯已超过10个工作日，建议约谈责任单位负责人。",
    triggerKey: `demo:interview:${open.id}`,
  });
  await issueCircular(zgb, {
    title: "关于部分问题整改进度滞后情况的通报",
    docNumber: "桂整改通〔2026〕8号",
    body: "近期，自治区整改办对各地整改进展情况进行了调度。现将整改进度滞后的问题通报如下，请有关单位认真对照，限期整改到位。",
    tone: "critical",
    problemIds: [open.id, listed.id],
  });
}
