import { type Ctx, inTx } from "../../context.ts";
import { loadCalendar } from "../calendar/calendar.queries.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { campaignSettings } from "../campaigns/campaign.settings.ts";
import {
  applyLightChanges,
  evaluate,
  LIT_PROBLEM_STATUSES,
  LIT_TASK_STATUSES,
  type LightItem,
} from "./light.commands.ts";
import type { LightSettings } from "./light.rules.ts";

const dateOf = (isoTime: string) => shanghaiDate(new Date(isoTime));

/**
 * The daily sweep: every open problem and its open tasks, in keyset-ordered batches of problems
 * (each batch one transaction, a constant number of reads), writing only the rows whose light,
 * planned progress or reasons change. Closed items were turned green by the command that closed them.
 * Batches walk the primary key and leave closed problems out in code: filtering on status in SQL
 * let the planner take the status index and sort every remaining open problem for each batch,
 * which made a provincial ledger's sweep quadratic (10 s a batch at a million problems).
 */
export async function sweepLights(ctx: Ctx, opts: { batchSize?: number } = {}) {
  const batchSize = opts.batchSize ?? 1000;
  const cal = await loadCalendar(ctx);
  const today = shanghaiDate(ctx.now());
  const settingsOf = new Map<string, LightSettings>();
  const stats = { problems: 0, tasks: 0, written: 0, lightChanges: 0 };
  const lit = new Set<string>(LIT_PROBLEM_STATUSES);
  let after = "";
  for (;;) {
    const batch = await ctx.db
      .selectFrom("problems")
      .select([
        "id",
        "campaignId",
        "status",
        "leadOrgId",
        "ownerOrgId",
        "leadPath",
        "ownerPath",
        "assignedOn",
        "createdAt",
        "deadline",
        "progress",
        "lastReportOn",
        "warnedOn",
        "light",
        "plannedProgress",
        "lightReasonsJson",
      ])
      .where("id", ">", after)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const problems = batch.filter((p) => lit.has(p.status));
    if (problems.length === 0) {
      if (batch.length < batchSize) break;
      continue;
    }
    const missing = [...new Set(problems.map((p) => p.campaignId))].filter((id) => !settingsOf.has(id));
    if (missing.length > 0) {
      const rows = await ctx.db
        .selectFrom("campaigns")
        .select(["id", "settingsJson"])
        .where("id", "in", missing)
        .execute();
      for (const r of rows) settingsOf.set(r.id, campaignSettings(r.settingsJson));
    }
    const tasks = await ctx.db
      .selectFrom("tasks")
      .select([
        "id",
        "problemId",
        "orgId",
        "orgPath",
        "createdAt",
        "deadline",
        "progress",
        "lastReportOn",
        "warnedOn",
        "light",
        "plannedProgress",
        "lightReasonsJson",
      ])
      .where(
        "problemId",
        "in",
        problems.map((p) => p.id),
      )
      .where("status", "in", [...LIT_TASK_STATUSES])
      .execute();
    const campaignOf = new Map(problems.map((p) => [p.id, p.campaignId]));
    const items: LightItem[] = [
      ...problems.map(
        (p): LightItem => ({
          entityType: "problem",
          id: p.id,
          problemId: p.id,
          orgId: p.leadOrgId ?? p.ownerOrgId,
          scopePath: p.leadPath ?? p.ownerPath,
          open: true,
          start: p.assignedOn ?? dateOf(p.createdAt),
          deadline: p.deadline,
          progress: p.progress,
          lastReportOn: p.lastReportOn,
          warnedOn: p.warnedOn,
          light: p.light,
          plannedProgress: p.plannedProgress,
          lightReasonsJson: p.lightReasonsJson,
        }),
      ),
      ...tasks.map(
        (t): LightItem => ({
          entityType: "task",
          id: t.id,
          problemId: t.problemId,
          orgId: t.orgId,
          scopePath: t.orgPath,
          open: true,
          start: dateOf(t.createdAt),
          deadline: t.deadline,
          progress: t.progress,
          lastReportOn: t.lastReportOn,
          warnedOn: t.warnedOn,
          light: t.light,
          plannedProgress: t.plannedProgress,
          lightReasonsJson: t.lightReasonsJson,
        }),
      ),
    ];
    const changes = items.flatMap((item) => {
      const settings = settingsOf.get(campaignOf.get(item.problemId) as string) as LightSettings;
      const c = evaluate(cal, settings, today, item);
      return c ? [c] : [];
    });
    stats.problems += problems.length;
    stats.tasks += tasks.length;
    if (changes.length > 0) {
      stats.written += changes.length;
      stats.lightChanges += await inTx(ctx, (tx) => applyLightChanges(tx, changes));
    }
    if (batch.length < batchSize) break;
  }
  return stats;
}
