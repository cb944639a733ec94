import type { Ctx } from "../../context.ts";
import { loadCalendar } from "../calendar/calendar.queries.ts";
import { shanghaiDate, today } from "../calendar/shanghai-date.ts";
import { escalationSettings } from "../campaigns/campaign.settings.ts";
import { DomainError } from "../errors.ts";
import { escalationSteps, type Step, type Subject } from "./escalation.rules.ts";
import { issueSupervisionNotice } from "./notice.commands.ts";
import { proposeEscalation } from "./proposal.commands.ts";
import { sendAutomaticUrging } from "./urging.commands.ts";

const PAGE = 500;
const WARNED = ["yellow", "orange", "red"];

export interface WarningsResult {
  reminders: number;
  urgings: number;
  notices: number;
  proposals: number;
  skipped: number;
}

type Light = Subject["light"];

const reasonText = (json: string | null) => {
  try {
    const list = JSON.parse(json ?? "[]") as unknown;
    if (!Array.isArray(list)) return "";
    return list
      .map((r) => (typeof r === "string" ? r : String(r?.zh ?? "")))
      .filter(Boolean)
      .join("；");
  } catch {
    return "";
  }
};

const LIGHT_ZH: Record<Light, string> = { green: "绿灯", yellow: "黄灯", orange: "橙灯", red: "红灯" };

interface Item {
  problemId: string;
  taskId: string | null;
  code: string;
  title: string;
  light: Light;
  reasons: string;
  deadline: string | null;
  leadName: string;
}

/** Applies one step through its command; a step already taken (same key) counts as nothing new. */
async function apply(ctx: Ctx, item: Item, step: Step, out: WarningsResult) {
  const what = `${item.code}“${item.title}”${item.taskId ? "的任务" : ""}`;
  const why = item.reasons ? `（${item.reasons}）` : "";
  try {
    if (step.step === "reminder" || step.step === "ack_reminder" || step.step === "urging") {
      const kind = step.step === "urging" ? "urging" : "reminder";
      const note =
        step.step === "ack_reminder"
          ? `签收提醒：${what}已交办，尚未签收，请及时签收办理。`
          : kind === "reminder"
            ? `预警提醒：${what}亮${LIGHT_ZH[item.light]}${why}，请加快推进。`
            : `催办：${what}亮${LIGHT_ZH[item.light]}${why}${step.rule === "yellow_unanswered" ? "，提醒后仍未报送进展" : ""}，请单位负责人督促落实并及时报送进展。`;
      const sent = await sendAutomaticUrging(ctx, {
        problemId: item.problemId,
        taskId: item.taskId,
        kind,
        rule: step.rule,
        note,
        triggerKey: step.key,
      });
      if (sent) out[kind === "urging" ? "urgings" : "reminders"]++;
    } else if (step.step === "red_notice") {
      const used = await ctx.db
        .selectFrom("supervisionNotices")
        .select("id")
        .where("triggerKey", "=", step.key)
        .executeTakeFirst();
      if (used) return;
      await issueSupervisionNotice(ctx, {
        problemId: item.problemId,
        level: "red",
        body: `${item.leadName}：你单位牵头整改的“${item.title}”问题（编号 ${item.code}）${
          item.deadline ? `，整改时限为${item.deadline}` : ""
        }，目前亮红灯${why}。根据问题整改督办有关规定，现予以红色督办。`,
        requirements:
          "请高度重视，逐项对照整改目标和措施抓好落实，于回复期限前将整改进展、存在困难及下一步措施书面报送。",
        triggerKey: step.key,
      });
      out.notices++;
    } else {
      const kind = step.step === "propose_listing" ? "listing" : "interview";
      const proposed = await proposeEscalation(ctx, {
        problemId: item.problemId,
        kind,
        reason: `${what}持续亮红灯已超过规定工作日${why}，建议${kind === "listing" ? "挂牌督办" : "约谈责任单位负责人"}。`,
        triggerKey: step.key,
      });
      if (proposed) out.proposals++;
    }
  } catch (err) {
    // one item refusing (closed meanwhile, a notice opened by hand) never stops the sweep
    if (!(err instanceof DomainError)) throw err;
    out.skipped++;
  }
}

/**
 * The warnings sweep: applies the escalation rules to every warned problem and task (and every
 * task waiting to be signed for), each rung through its own command and transaction. Running it
 * again issues nothing new.
 */
export async function runWarnings(ctx: Ctx): Promise<WarningsResult> {
  const out: WarningsResult = { reminders: 0, urgings: 0, notices: 0, proposals: 0, skipped: 0 };
  const cal = await loadCalendar(ctx);
  const day = today(ctx);
  const settingsOf = new Map<string, ReturnType<typeof escalationSettings>>();
  const settings = async (campaignId: string) => {
    let s = settingsOf.get(campaignId);
    if (!s) {
      const c = await ctx.db
        .selectFrom("campaigns")
        .select("settingsJson")
        .where("id", "=", campaignId)
        .executeTakeFirstOrThrow();
      s = escalationSettings(c.settingsJson);
      settingsOf.set(campaignId, s);
    }
    return s;
  };
  const episode = (changedAt: string | null, createdAt: string) => ({
    episode: changedAt ?? `initial:${createdAt}`,
    lightSince: shanghaiDate(new Date(changedAt ?? createdAt)),
  });

  let after = "";
  for (;;) {
    const page = await ctx.db
      .selectFrom("problems")
      .leftJoin("orgs", "orgs.id", "problems.leadOrgId")
      .selectAll("problems")
      .select("orgs.name as leadName")
      .where("problems.status", "in", ["assigned", "rectifying", "ongoing"])
      .where("problems.light", "in", WARNED)
      .where("problems.id", ">", after)
      .orderBy("problems.id")
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const ids = page.map((p) => p.id);
    const [reports, redNotices, listed] = await Promise.all([
      ctx.db
        .selectFrom("progressReports")
        .select(["problemId", (eb) => eb.fn.max("createdAt").as("last")])
        .where("problemId", "in", ids)
        .groupBy("problemId")
        .execute(),
      ctx.db
        .selectFrom("supervisionNotices")
        .select("problemId")
        .where(
          "openKey",
          "in",
          ids.map((id) => `${id}:red`),
        )
        .execute(),
      ctx.db.selectFrom("listings").select("problemId").where("openKey", "in", ids).execute(),
    ]);
    const lastReport = new Map(reports.map((r) => [r.problemId, String(r.last)]));
    const hasRed = new Set(redNotices.map((n) => n.problemId));
    const isListed = new Set(listed.map((l) => l.problemId));
    for (const p of page) {
      const light = p.light as Light;
      const ep = episode(p.lightChangedAt, p.createdAt);
      const last = lastReport.get(p.id);
      const subject: Subject = {
        kind: "problem",
        id: p.id,
        light,
        ...ep,
        answered: !!last && (!p.lightChangedAt || last > p.lightChangedAt),
        openRedNotice: hasRed.has(p.id),
        listed: isListed.has(p.id),
      };
      const item: Item = {
        problemId: p.id,
        taskId: null,
        code: p.code,
        title: p.title,
        light,
        reasons: reasonText(p.lightReasonsJson),
        deadline: p.deadline,
        leadName: p.leadName ?? "",
      };
      for (const step of escalationSteps(subject, await settings(p.campaignId), cal, day))
        await apply(ctx, item, step, out);
    }
  }

  after = "";
  for (;;) {
    const page = await ctx.db
      .selectFrom("tasks")
      .innerJoin("problems", "problems.id", "tasks.problemId")
      .selectAll("tasks")
      .select(["problems.code", "problems.title as problemTitle", "problems.campaignId"])
      .where("problems.status", "in", ["rectifying", "ongoing"])
      .where("tasks.status", "in", ["pending", "in_progress"])
      .where((eb) => eb.or([eb("tasks.light", "in", WARNED), eb("tasks.status", "=", "pending")]))
      .where("tasks.id", ">", after)
      .orderBy("tasks.id")
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const reports = await ctx.db
      .selectFrom("progressReports")
      .select(["taskId", (eb) => eb.fn.max("createdAt").as("last")])
      .where(
        "taskId",
        "in",
        page.map((t) => t.id),
      )
      .groupBy("taskId")
      .execute();
    const lastReport = new Map(reports.map((r) => [r.taskId, String(r.last)]));
    for (const t of page) {
      const light = t.light as Light;
      const last = lastReport.get(t.id);
      const subject: Subject = {
        kind: "task",
        id: t.id,
        light,
        ...episode(t.lightChangedAt, t.createdAt),
        answered: !!last && (!t.lightChangedAt || last > t.lightChangedAt),
        pendingSince: t.status === "pending" ? shanghaiDate(new Date(t.createdAt)) : null,
      };
      const item: Item = {
        problemId: t.problemId,
        taskId: t.id,
        code: t.code,
        title: t.problemTitle,
        light,
        reasons: reasonText(t.lightReasonsJson),
        deadline: t.deadline,
        leadName: "",
      };
      for (const step of escalationSteps(subject, await settings(t.campaignId), cal, day))
        await apply(ctx, item, step, out);
    }
  }
  return out;
}
