import { sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { loadCalendar } from "../calendar/calendar.queries.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import type { WorkCalendar } from "../calendar/working-days.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import { computeLight, type Light, type LightSettings, nextWarnedOn } from "./light.rules.ts";

/** Problem states whose deadline is being worked to; every other state shows green (not chased). */
export const LIT_PROBLEM_STATUSES = ["assigned", "rectifying", "ongoing"] as const;
/** Task states still being worked; reported-done and accepted tasks show green. */
export const LIT_TASK_STATUSES = ["pending", "in_progress"] as const;

/** One task or problem as the light needs it, with what is stored now. */
export interface LightItem {
  entityType: "problem" | "task";
  id: string;
  problemId: string;
  orgId: string | null;
  scopePath: string;
  /** False for closed, withdrawn, reported-done items: they go green and stay out of the sweep. */
  open: boolean;
  start: string;
  deadline: string | null;
  progress: number;
  lastReportOn: string | null;
  warnedOn: string | null;
  light: string;
  plannedProgress: number;
  lightReasonsJson: string | null;
}

interface Change {
  item: LightItem;
  light: Light;
  plannedProgress: number;
  lightReasonsJson: string | null;
  warnedOn: string | null;
  lastReportOn: string | null;
}

/** What the item should store now; null when nothing changes (so nothing is written). */
export function evaluate(cal: WorkCalendar, s: LightSettings, today: string, item: LightItem): Change | null {
  let next: Omit<Change, "item" | "lastReportOn">;
  if (!item.open || !item.deadline) {
    next = { light: "green", plannedProgress: item.plannedProgress, lightReasonsJson: null, warnedOn: null };
  } else {
    const r = computeLight(cal, s, {
      today,
      start: item.start,
      deadline: item.deadline,
      progress: item.progress,
      lastReportOn: item.lastReportOn,
      warnedOn: item.warnedOn,
    });
    next = {
      light: r.light,
      plannedProgress: r.plannedProgress,
      lightReasonsJson: r.reasons.length > 0 ? JSON.stringify(r.reasons) : null,
      warnedOn: nextWarnedOn(r.light, item.warnedOn, today),
    };
  }
  const same =
    next.light === item.light &&
    next.plannedProgress === item.plannedProgress &&
    next.lightReasonsJson === item.lightReasonsJson &&
    next.warnedOn === item.warnedOn;
  return same ? null : { item, lastReportOn: item.lastReportOn, ...next };
}

/** One guarded UPDATE per row: written only if the row is still what was evaluated. */
async function writeRow(ctx: Ctx, c: Change, now: string, withLastReport: boolean): Promise<boolean> {
  const table = c.item.entityType === "task" ? "tasks" : "problems";
  let q = ctx.db
    .updateTable(table)
    .set({
      light: c.light,
      plannedProgress: c.plannedProgress,
      lightReasonsJson: c.lightReasonsJson,
      warnedOn: c.warnedOn,
      ...(c.light !== c.item.light && { lightChangedAt: now }),
      ...(withLastReport && { lastReportOn: c.lastReportOn }),
    })
    .where("id", "=", c.item.id)
    .where("light", "=", c.item.light)
    .where("progress", "=", c.item.progress);
  q = c.item.deadline === null ? q.where("deadline", "is", null) : q.where("deadline", "=", c.item.deadline);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * PostgreSQL: one guarded UPDATE … FROM (VALUES …) for a whole batch of one table, returning the
 * ids it wrote (the sweep's rows would otherwise cost a round trip each).
 */
async function writeRowsPg(ctx: Ctx, table: "tasks" | "problems", rows: Change[], now: string) {
  const written = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map(
        (c) =>
          sql`(${c.item.id}::text, ${c.light}::text, ${c.plannedProgress}::int, ${c.lightReasonsJson}::text, ${c.warnedOn}::text, ${c.item.light}::text, ${c.item.progress}::int, ${c.item.deadline}::text)`,
      );
    const res = await sql<{ id: string }>`
      UPDATE ${sql.table(table)} AS t SET
        light = v.light, planned_progress = v.planned, light_reasons_json = v.reasons, warned_on = v.warned,
        light_changed_at = CASE WHEN t.light <> v.light THEN ${now} ELSE t.light_changed_at END
      FROM (VALUES ${sql.join(values)}) AS v(id, light, planned, reasons, warned, old_light, progress, deadline)
      WHERE t.id = v.id AND t.light = v.old_light AND t.progress = v.progress
        AND t.deadline IS NOT DISTINCT FROM v.deadline
      RETURNING t.id`.execute(ctx.db);
    for (const r of res.rows) written.add(r.id);
  }
  return written;
}

/**
 * Writes the changed lights; each change of colour also lands in the light history and appends
 * `light.changed` (notifications and escalation are derived from it) in the caller's transaction.
 */
export async function applyLightChanges(ctx: Ctx, changes: Change[], extra: { lastReportOn?: boolean } = {}) {
  const now = iso(ctx.now());
  let written: Set<string>;
  if (ctx.engine === "postgres" && !extra.lastReportOn && changes.length > 1) {
    const tasks = changes.filter((c) => c.item.entityType === "task");
    const problems = changes.filter((c) => c.item.entityType === "problem");
    written = new Set([
      ...(await writeRowsPg(ctx, "tasks", tasks, now)),
      ...(await writeRowsPg(ctx, "problems", problems, now)),
    ]);
  } else {
    written = new Set();
    for (const c of changes) {
      if (await writeRow(ctx, c, now, extra.lastReportOn === true)) written.add(c.item.id);
    }
  }
  const turned = changes.filter((c) => c.light !== c.item.light && written.has(c.item.id));
  if (turned.length === 0) return 0;
  await ctx.db
    .insertInto("lightHistory")
    .values(
      turned.map((c) => ({
        id: newId(),
        entityType: c.item.entityType,
        entityId: c.item.id,
        problemId: c.item.problemId,
        fromLight: c.item.light,
        toLight: c.light,
        reasonsJson: c.lightReasonsJson ?? "[]",
        plannedProgress: c.plannedProgress,
        progress: c.item.progress,
        at: now,
      })),
    )
    .execute();
  for (const c of turned) {
    await recordAudit(ctx, {
      type: "light.changed",
      entityType: c.item.entityType,
      entityId: c.item.id,
      scopePath: c.item.scopePath,
      data: {
        from: c.item.light,
        to: c.light,
        reasons: c.lightReasonsJson ? JSON.parse(c.lightReasonsJson) : [],
        orgId: c.item.orgId,
        problemId: c.item.problemId,
        plannedProgress: c.plannedProgress,
        progress: c.item.progress,
      },
    });
  }
  return turned.length;
}

const dateOf = (isoTime: string) => shanghaiDate(new Date(isoTime));
const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * Recomputes planned progress and lights of one problem and its tasks, and nothing else: the
 * commands that change progress, deadlines or status call it inside their transaction.
 */
export async function recomputeLights(ctx: Ctx, problemId: string): Promise<number> {
  const p = await ctx.db
    .selectFrom("problems")
    .innerJoin("campaigns", "campaigns.id", "problems.campaignId")
    .selectAll("problems")
    .select("campaigns.settingsJson")
    .where("problems.id", "=", problemId)
    .executeTakeFirst();
  if (!p) return 0;
  const [tasks, reports, cal] = await Promise.all([
    ctx.db.selectFrom("tasks").selectAll().where("problemId", "=", problemId).execute(),
    ctx.db
      .selectFrom("progressReports")
      .select(["taskId", (eb) => eb.fn.max("createdAt").as("last")])
      .where("problemId", "=", problemId)
      .groupBy("taskId")
      .execute(),
    loadCalendar(ctx),
  ]);
  const settings = campaignSettings(p.settingsJson);
  const today = shanghaiDate(ctx.now());
  const problemOpen = (LIT_PROBLEM_STATUSES as readonly string[]).includes(p.status);
  // A decomposed task has no reports of its own: its last report is its subtree's latest.
  const own = new Map(reports.map((r) => [r.taskId, dateOf(String(r.last))]));
  const children = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.parentTaskId) children.set(t.parentTaskId, [...(children.get(t.parentTaskId) ?? []), t.id]);
  }
  const lastOf = (id: string): string | null =>
    (children.get(id) ?? []).reduce<string | null>((m, c) => maxDate(m, lastOf(c)), own.get(id) ?? null);
  const items: LightItem[] = tasks.map((t) => ({
    entityType: "task",
    id: t.id,
    problemId,
    orgId: t.orgId,
    scopePath: t.orgPath,
    open: problemOpen && (LIT_TASK_STATUSES as readonly string[]).includes(t.status),
    start: dateOf(t.createdAt),
    deadline: t.deadline,
    progress: t.progress,
    lastReportOn: lastOf(t.id),
    warnedOn: t.warnedOn,
    light: t.light,
    plannedProgress: t.plannedProgress,
    lightReasonsJson: t.lightReasonsJson,
  }));
  const problemLast = [...own.values()].reduce<string | null>((m, d) => maxDate(m, d), null);
  items.push({
    entityType: "problem",
    id: p.id,
    problemId,
    orgId: p.leadOrgId ?? p.ownerOrgId,
    scopePath: p.leadPath ?? p.ownerPath,
    open: problemOpen,
    start: p.assignedOn ?? dateOf(p.createdAt),
    deadline: p.deadline,
    progress: p.progress,
    lastReportOn: problemLast,
    warnedOn: p.warnedOn,
    light: p.light,
    plannedProgress: p.plannedProgress,
    lightReasonsJson: p.lightReasonsJson,
  });
  const stored = new Map<string, string | null>([
    ...tasks.map((t) => [t.id, t.lastReportOn] as const),
    [p.id, p.lastReportOn] as const,
  ]);
  const changes: Change[] = [];
  for (const item of items) {
    const c = evaluate(cal, settings, today, item);
    if (c) changes.push(c);
    else if (stored.get(item.id) !== item.lastReportOn) {
      changes.push({
        item,
        light: item.light as Light,
        plannedProgress: item.plannedProgress,
        lightReasonsJson: item.lightReasonsJson,
        warnedOn: item.warnedOn,
        lastReportOn: item.lastReportOn,
      });
    }
  }
  return applyLightChanges(ctx, changes, { lastReportOn: true });
}
