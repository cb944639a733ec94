// One synthetic problem with its measure, task tree, progress reports and audit events, built
// deterministically from a seeded random stream. Lights are what the product's own rules give
// on the dataset's day, so a sweep that day finds them already right.
import type { WorkCalendar } from "../../server/domain/calendar/working-days.ts";
import { evaluate, type LightItem } from "../../server/domain/lights/light.commands.ts";
import type { LightSettings } from "../../server/domain/lights/light.rules.ts";
import { rollUp } from "../../server/domain/problems/progress.ts";

export interface Org {
  id: string;
  path: string;
}

/** Where a problem's lead and its subtasks may go: a lead unit and the units below it. */
export interface Branch {
  lead: Org;
  below: Org[];
}

/** A seeded stream of numbers in [0, 1) (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** A Shanghai calendar date at 10:00 local, as the ISO instant the database stores. */
export const at = (date: string, minute = 0) => `${date}T02:${String(minute % 60).padStart(2, "0")}:00.000Z`;

const TOPICS = [
  "村级活动场所闲置",
  "集体经济收入偏低",
  "党员教育管理不到位",
  "惠民资金发放滞后",
  "人居环境整治不彻底",
  "矛盾纠纷化解不及时",
  "政务服务事项办理慢",
  "农村供水保障不足",
  "安全生产隐患排查不到位",
  "耕地保护措施不落实",
];
const SOURCES = ["research", "opinion", "supervision", "inspection", "self_check", "hotline"];

export type Stage =
  | "registered"
  | "assigned"
  | "rectifying"
  | "ongoing"
  | "closeout_requested"
  | "public_review"
  | "closed";

/** The mix of states on a provincial ledger some months into a campaign. */
export function pickStage(r: number): Stage {
  if (r < 0.02) return "registered";
  if (r < 0.05) return "assigned";
  if (r < 0.55) return "rectifying";
  if (r < 0.6) return "ongoing";
  if (r < 0.65) return "closeout_requested";
  if (r < 0.68) return "public_review";
  return "closed";
}

export interface Event {
  at: string;
  scopePath: string;
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

export interface Synth {
  problem: Record<string, unknown>;
  measure: Record<string, unknown> | null;
  tasks: Record<string, unknown>[];
  reports: Record<string, unknown>[];
  events: Event[];
}

export interface Env {
  today: string;
  cal: WorkCalendar;
  settings: LightSettings;
  campaignId: string;
  owner: Org;
  newId: () => string;
}

/** Stored light fields: the product's evaluation, run until it asks for no further change. */
function light(env: Env, item: LightItem) {
  const cur = { ...item };
  for (let i = 0; i < 4; i++) {
    const c = evaluate(env.cal, env.settings, env.today, cur);
    if (!c) break;
    Object.assign(cur, {
      light: c.light,
      plannedProgress: c.plannedProgress,
      lightReasonsJson: c.lightReasonsJson,
      warnedOn: c.warnedOn,
    });
  }
  return {
    light: cur.light,
    plannedProgress: cur.plannedProgress,
    lightReasonsJson: cur.lightReasonsJson,
    warnedOn: cur.warnedOn,
    lightChangedAt: cur.light === "green" ? null : at(env.today),
  };
}

const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * Problem number `n` (code `code`), led from `branch`, with `taskCount` tasks (0, or a lead task
 * and its subtasks) and up to `reportBudget` progress reports.
 */
export function synthProblem(
  env: Env,
  rnd: () => number,
  opts: { code: string; branch: Branch; stage: Stage; taskCount: number; reportBudget: number },
): Synth {
  const { today, newId } = env;
  const { branch, stage } = opts;
  const id = newId();
  const created = addDays(today, -Math.floor(20 + rnd() * 340));
  const assignedOn = stage === "registered" ? null : addDays(created, Math.floor(rnd() * 5));
  const deadline = assignedOn ? addDays(assignedOn, Math.floor(30 + rnd() * 240)) : null;
  const tasked = opts.taskCount > 0 && assignedOn !== null && deadline !== null;
  const lead = stage === "registered" ? null : branch.lead;
  const problemOpen = stage === "assigned" || stage === "rectifying" || stage === "ongoing";
  const finished = !problemOpen;
  const topic = TOPICS[Math.floor(rnd() * TOPICS.length)];
  const events: Event[] = [
    {
      at: at(created),
      scopePath: env.owner.path,
      type: "problem.registered",
      entityType: "problem",
      entityId: id,
      data: { code: opts.code, title: topic, campaignId: env.campaignId, sourceType: "research" },
    },
  ];
  if (lead && assignedOn)
    events.push({
      at: at(assignedOn, 5),
      scopePath: lead.path,
      type: "problem.assigned",
      entityType: "problem",
      entityId: id,
      data: {
        action: "assign",
        from: "registered",
        to: "assigned",
        leadOrgId: lead.id,
        coOrgIds: [],
        deadline,
      },
    });

  const tasks: Record<string, unknown>[] = [];
  const reports: Record<string, unknown>[] = [];
  const reported: Event[] = [];
  let measure: Record<string, unknown> | null = null;
  let problemLast: string | null = null;
  let problemProgress = finished ? 100 : 0;
  if (tasked && lead) {
    const measureId = newId();
    const start = addDays(assignedOn, 1 + Math.floor(rnd() * 3));
    const createdAt = at(start, 10);
    const total = Math.max(1, (Date.parse(deadline) - Date.parse(start)) / DAY_MS);
    const elapsed = Math.min(1, Math.max(0, (Date.parse(today) - Date.parse(start)) / DAY_MS / total));
    const topId = newId();
    const leaves = [];
    let budget = opts.reportBudget;
    for (let k = 1; k < opts.taskCount; k++) {
      const org = branch.below[Math.floor(rnd() * branch.below.length)];
      const progress = finished
        ? 100
        : Math.max(0, Math.min(100, Math.round(elapsed * 100 + (rnd() - 0.55) * 60)));
      const status = finished
        ? stage === "closeout_requested" && rnd() < 0.5
          ? "done_reported"
          : "accepted"
        : progress >= 100
          ? "done_reported"
          : progress === 0 && rnd() < 0.6
            ? "pending"
            : "in_progress";
      // Reports on this leaf: spread the problem's budget, at least one where there is progress.
      const left = opts.taskCount - k;
      const mine = progress > 0 ? Math.ceil(budget / left) : 0;
      budget -= mine;
      let last: string | null = null;
      const span = Math.max(1, Math.floor((Date.parse(today) - Date.parse(start)) / DAY_MS));
      for (let r = 1; r <= mine; r++) {
        const day = addDays(start, Math.min(span, Math.max(1, Math.floor((span * r) / (mine + 1)))));
        const reportId = newId();
        const percent = Math.round((progress * r) / mine);
        reports.push({
          id: reportId,
          taskId: "",
          problemId: id,
          percent,
          text: `${topic}整改推进情况（第${r}次）`,
          createdBy: "bench",
          createdByName: "数据生成",
          createdAt: at(day, 20 + r),
        });
        reported.push({
          at: at(day, 20 + r),
          scopePath: org.path,
          type: "task.reported",
          entityType: "problem",
          entityId: id,
          data: { taskId: "", orgId: org.id, reportId, percent, attachmentIds: [] },
        });
        last = maxDate(last, day);
      }
      const taskId = newId();
      for (const r of reports.slice(reports.length - mine)) r.taskId = taskId;
      for (const e of reported.slice(reported.length - mine)) e.data.taskId = taskId;
      leaves.push({ id: taskId, org, progress, status, last, weight: 1 });
      problemLast = maxDate(problemLast, last);
    }
    const topProgress = leaves.length ? rollUp(leaves) : finished ? 100 : 0;
    const topLast = leaves.reduce<string | null>((m, l) => maxDate(m, l.last), null);
    const topStatus = leaves.every((l) => l.status === "accepted")
      ? "accepted"
      : leaves.every((l) => l.status === "accepted" || l.status === "done_reported")
        ? "done_reported"
        : "in_progress";
    const rows = [
      {
        id: topId,
        parentTaskId: null,
        org: lead,
        assigner: lead,
        progress: topProgress,
        status: topStatus,
        last: topLast,
      },
      ...leaves.map((l) => ({ ...l, parentTaskId: topId, assigner: lead })),
    ];
    for (const t of rows) {
      const taskDeadline = t.parentTaskId ? addDays(deadline, -Math.floor(rnd() * 10)) : deadline;
      const open = problemOpen && (t.status === "pending" || t.status === "in_progress");
      const lit = light(env, {
        entityType: "task",
        id: t.id,
        problemId: id,
        orgId: t.org.id,
        scopePath: t.org.path,
        open,
        start,
        deadline: taskDeadline,
        progress: t.progress,
        lastReportOn: t.last,
        warnedOn: null,
        light: "green",
        plannedProgress: 0,
        lightReasonsJson: null,
      });
      tasks.push({
        id: t.id,
        problemId: id,
        measureId,
        parentTaskId: t.parentTaskId,
        orgId: t.org.id,
        orgPath: t.org.path,
        assignerOrgId: t.assigner.id,
        title: `${topic}——${t.parentTaskId ? "落实" : "牵头"}整改`,
        deadline: taskDeadline,
        originalDeadline: taskDeadline,
        weight: 1,
        status: t.status,
        progress: t.progress,
        acknowledgedAt: t.status === "pending" ? null : createdAt,
        completedAt: t.status === "done_reported" || t.status === "accepted" ? at(t.last ?? start, 40) : null,
        acceptedAt: t.status === "accepted" ? at(t.last ?? start, 50) : null,
        ...lit,
        lastReportOn: t.last,
        createdAt,
        updatedAt: createdAt,
      });
    }
    problemProgress = rollUp([{ weight: 1, progress: topProgress }]);
    measure = {
      id: measureId,
      problemId: id,
      seqNo: 1,
      title: `${topic}专项整改`,
      target: null,
      deadline,
      leadOrgId: lead.id,
      weight: 1,
      progress: topProgress,
      createdAt,
      updatedAt: createdAt,
    };
    events.push({
      at: createdAt,
      scopePath: lead.path,
      type: "task.decomposed",
      entityType: "problem",
      entityId: id,
      data: {
        taskId: topId,
        orgId: lead.id,
        taskIds: leaves.map((l) => l.id),
        orgIds: leaves.map((l) => l.org.id),
      },
    });
    events.push(...reported);
  }

  const closed = stage === "closed";
  const end = problemLast ?? assignedOn ?? created;
  if (stage === "closeout_requested" || stage === "public_review" || closed)
    events.push({
      at: at(end, 45),
      scopePath: lead?.path ?? env.owner.path,
      type: "problem.closeout_requested",
      entityType: "problem",
      entityId: id,
      data: { action: "requestCloseOut", from: "rectifying", to: "closeout_requested" },
    });
  if (closed)
    events.push({
      at: at(addDays(end, 20), 50),
      scopePath: lead?.path ?? env.owner.path,
      type: "problem.public_review_closed",
      entityType: "problem",
      entityId: id,
      data: { action: "closePublicReview", from: "public_review", to: "closed" },
    });

  const pLit = light(env, {
    entityType: "problem",
    id,
    problemId: id,
    orgId: lead?.id ?? env.owner.id,
    scopePath: lead?.path ?? env.owner.path,
    open: problemOpen,
    start: assignedOn ?? created,
    deadline,
    progress: problemProgress,
    lastReportOn: problemLast,
    warnedOn: null,
    light: "green",
    plannedProgress: 0,
    lightReasonsJson: null,
  });
  const createdAt = at(created);
  const problem = {
    id,
    code: opts.code,
    campaignId: env.campaignId,
    categoryId: null,
    sourceType: SOURCES[Math.floor(rnd() * SOURCES.length)],
    sourceRef: null,
    title: topic,
    description: `${topic}，群众反映集中，需限期整改。`,
    portraitJson: JSON.stringify({ symptoms: [topic] }),
    rectifyType: stage === "ongoing" ? "long_term" : "deadline",
    target: "问题整改到位",
    acceptanceStandard: "群众满意，长效机制建立",
    responsibleLeader: null,
    responsiblePerson: null,
    ownerOrgId: env.owner.id,
    ownerPath: env.owner.path,
    leadOrgId: lead?.id ?? null,
    leadPath: lead?.path ?? null,
    originalDeadline: deadline,
    deadline,
    isPublic: 0,
    status: stage,
    closureKind: closed ? "rectified" : null,
    reopenCount: 0,
    progress: problemProgress,
    closeoutSummary: finished && stage !== "registered" ? "整改完成" : null,
    closeoutRequestedAt:
      stage === "closeout_requested" || stage === "public_review" || closed ? at(end, 45) : null,
    closeoutEvidenceJson: null,
    reviewJson: null,
    reviewedAt: null,
    reviewRound: 0,
    publicReviewEndsAt: null,
    satisfactionJson: null,
    closedAt: closed ? at(addDays(end, 20), 50) : null,
    closureReason: null,
    followupDue: null,
    followupResult: null,
    createdBy: null,
    ...pLit,
    assignedOn,
    lastReportOn: problemLast,
    createdAt,
    updatedAt: createdAt,
  };
  return { problem, measure, tasks, reports, events };
}
