import type { RectifyType, SourceType } from "../../../contract/enums.ts";
import { type Ctx, withActor } from "../../context.ts";
import { publicActor } from "../access/actor.ts";
import { uploadAttachment } from "../attachments/attachment.commands.ts";
import { loadActor } from "../auth/session.queries.ts";
import { createCampaign } from "../campaigns/campaign.commands.ts";
import { sweepLights } from "../lights/light.sweep.ts";
import { requestCloseOut, reviewCloseOut } from "../problems/closeout.commands.ts";
import {
  acknowledgeProblem,
  assignProblem,
  registerProblem,
  stageCloseProblem,
  withdrawProblem,
} from "../problems/problem.commands.ts";
import { castBallot, issueBallotTokens } from "../problems/public-review.commands.ts";
import { addMeasure, decomposeMeasure } from "../tasks/measure.commands.ts";
import { submitProgressReport } from "../tasks/task.commands.ts";
import { seedDemoSupervision } from "./demo-supervision.ts";

/** The seven prominent problems of the demo campaign, each with the symptoms to look for. */
const CATEGORIES: [string, string[]][] = [
  ["引领脱贫攻坚能力不强", ["贫困村集体经济薄弱", "帮扶措施落实不到位", "产业带贫机制不健全"]],
  ["农村基层党组织带头人能力不强", ["带头人年龄老化", "发展思路不清", "带富能力弱"]],
  ["党员教育管理宽松软", ["组织生活不经常不认真", "流动党员失管失联", "党费收缴不规范"]],
  ["边境地区基层党建薄弱", ["边境村阵地建设滞后", "党员队伍青黄不接", "守边固边作用发挥不够"]],
  ["软弱涣散村党组织整顿不彻底", ["班子不团结", "整顿措施流于形式"]],
  ["村级集体经济发展缓慢", ["无稳定收入来源", "资产资源闲置"]],
  ["基层正风肃纪不到位", ["四议两公开落实不规范", "村务公开不及时"]],
];

const TITLES = [
  "村集体经济收入低于5万元，带贫产业项目空转",
  "村党组织书记年龄偏大，后备力量不足",
  "流动党员组织关系长期不转接",
  "边境村党群服务中心功能不全",
  "软弱涣散村整顿“回头看”走过场",
  "村集体资产资源清产核资不彻底",
  "村务监督委员会作用发挥不充分",
  "扶贫车间开工率不足",
  "三会一课记录补写代写",
  "驻村第一书记在岗履职不到位",
];

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

type Stage =
  | "registered"
  | "assigned"
  | "rectifying"
  | "reported"
  | "closeout_requested"
  | "public_review"
  | "ongoing"
  | "closed"
  | "reopened"
  | "withdrawn";

/** How many demo problems end in each state (about 60, every state present). */
const PLAN: [Stage, number][] = [
  ["registered", 6],
  ["assigned", 7],
  ["rectifying", 10],
  ["reported", 7],
  ["closeout_requested", 6],
  ["public_review", 6],
  ["ongoing", 4],
  ["closed", 8],
  ["reopened", 3],
  ["withdrawn", 3],
];

const CITIES = [
  { city: "450100", lead: "nanning", counties: ["450102", "450103", "450105"] },
  { city: "450200", lead: "liuzhou", counties: ["450202", "450203"] },
];

const SOURCES: SourceType[] = [
  "research",
  "opinion",
  "supervision",
  "meeting",
  "review_opinion",
  "self_check",
];

/** The date `days` from `now`, as a calendar date. */
const dateFrom = (now: Date, days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo campaign (2026年基层党建突出问题专项整治) with about 60 problems spread over every
 * state, each taken there by the demo users through the real commands.
 */
export async function seedDemoCampaign(
  ctx: Ctx,
  orgIdOf: (code: string) => string,
  userIdOf: (name: string) => string,
) {
  const now = ctx.now();
  // The first problems were taken on weeks ago (and later ones more recently, so the trail stays in
  // time order): planned progress has moved on, and the lights show a mix on first start.
  const daysAgo = (n: number) => Math.max(0, Math.round(42 - n * 1.4));
  const back = (c: Ctx, n: number): Ctx => {
    const at = new Date(now.getTime() - daysAgo(n) * 86_400_000);
    return { ...c, now: () => at };
  };
  const as = async (name: string) => withActor(ctx, await loadActor(ctx, userIdOf(name)));
  const zgbNow = await as("zgb");
  const ddzNow = await as("ddz");
  const campaign = await createCampaign(back(zgbNow, 0), {
    name: "2026年基层党建突出问题专项整治",
    ownerOrgId: orgIdOf("450000"),
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    phase: "rectify",
    categories: CATEGORIES.map(([name, portraitTemplate]) => ({ name, portraitTemplate })),
  });
  let n = 0;
  for (const [stage, count] of PLAN) {
    for (let i = 0; i < count; i++, n++) {
      const place = CITIES[n % CITIES.length];
      const lead = back(await as(place.lead), n);
      const zgb = back(zgbNow, n);
      const ddz = back(ddzNow, n);
      const [category, symptoms] = CATEGORIES[n % CATEGORIES.length];
      const rectifyType: RectifyType =
        stage === "ongoing" ? "long_term" : n % 5 === 0 ? "immediate" : "deadline";
      const p = await registerProblem(zgb, {
        campaignId: campaign.id,
        categoryId: campaign.categories.find((c) => c.name === category)?.id,
        sourceType: SOURCES[n % SOURCES.length],
        sourceRef: `桂整改〔2026〕${10 + (n % 7)}号`,
        title: TITLES[n % TITLES.length],
        description: `${category}：${symptoms.join("，")}。`,
        portrait: {
          symptoms,
          rootCause: "责任压得不实，措施跟进不够",
          affectedPopulation: "所涉村（社区）群众",
        },
        rectifyType,
        target: "问题整改到位，群众满意",
        acceptanceStandard: "措施全部落实，佐证材料齐全，群众满意率不低于90%",
        responsibleLeader: "分管副书记",
        isPublic: n % 3 === 0,
      });
      const id = p.id;
      if (stage === "registered") continue;
      // Deadlines spread from three weeks past to four months ahead, so warnings have work to do.
      const due = dateFrom(now, ((n * 17) % 140) - 21);
      await assignProblem(zgb, {
        problemId: id,
        leadOrgId: orgIdOf(place.city),
        deadline: due,
        responsiblePerson: "组织委员",
      });
      if (stage === "assigned") continue;
      await acknowledgeProblem(lead, { problemId: id });
      if (stage === "withdrawn") {
        await withdrawProblem(zgb, {
          problemId: id,
          kind: n % 2 ? "duplicate" : "not_in_remit",
          reason: "经核实与已立项问题重复",
        });
        continue;
      }
      const withMeasure = await addMeasure(lead, {
        problemId: id,
        title: "逐村排查，建立问题清单",
        // A measure ends no later than its problem.
        deadline: [dateFrom(now, [30, 4, 12, -2][n % 4]), due].sort()[0],
      });
      const counties = place.counties.slice(0, 2);
      const decomposed = await decomposeMeasure(lead, {
        measureId: withMeasure.measures[0].id,
        tasks: counties.map((code) => ({ orgId: orgIdOf(code) })),
      });
      if (stage === "rectifying") {
        if (i % 2 === 0) {
          await submitProgressReport(lead, {
            taskId: decomposed.measures[0].tasks[0].id,
            percent: 30 + i * 5,
            text: "已完成摸底排查",
          });
        }
        continue;
      }
      if (stage === "ongoing") {
        await stageCloseProblem(zgb, { problemId: id, summary: "阶段性整改任务完成，转入常态化推进" });
        continue;
      }
      const photo = await uploadAttachment(lead, { bytes: PNG, fileName: "整改现场.png" });
      for (const [k, task] of decomposed.measures[0].tasks.entries()) {
        const done = stage !== "reported" || k === 0;
        await submitProgressReport(lead, {
          taskId: task.id,
          percent: done ? 100 : 60,
          text: done ? "整改完成，材料已归档" : "正在推进",
          attachmentIds: k === 0 ? [photo.id] : [],
        });
      }
      if (stage === "reported") continue;
      await requestCloseOut(lead, {
        problemId: id,
        summary: "各项措施已落实到位，申请销号",
        attachmentIds: [photo.id],
      });
      if (stage === "closeout_requested") continue;
      const checklist = {
        factsClear: true,
        problemSolved: true,
        tasksDone: true,
        conclusionAccurate: true,
        compliant: true,
        formatCorrect: true,
      };
      await reviewCloseOut(ddz, { problemId: id, decision: "approve", checklist });
      if (stage === "public_review") continue;
      const { tokens } = await issueBallotTokens(zgb, { problemId: id, count: 3 });
      const choices =
        stage === "reopened"
          ? (["satisfied", "dissatisfied", "dissatisfied"] as const)
          : (["satisfied", "satisfied", "basically_satisfied"] as const);
      for (const [k, tok] of tokens.entries()) {
        await castBallot(withActor(back(ctx, n), publicActor()), { token: tok.token, choice: choices[k] });
      }
    }
  }
  await sweepLights(ctx);
  await seedDemoSupervision(ctx, campaign.id, userIdOf);
  return { campaignId: campaign.id, problems: n };
}
