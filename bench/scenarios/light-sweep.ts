import fs from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { loadConfig } from "../../server/config.ts";
import { systemContext } from "../../server/context.ts";
import { connect } from "../../server/db/connect.ts";
import { shanghaiDate } from "../../server/domain/calendar/shanghai-date.ts";
import { LIT_PROBLEM_STATUSES, LIT_TASK_STATUSES } from "../../server/domain/lights/light.commands.ts";
import { sweepLights } from "../../server/domain/lights/light.sweep.ts";
import { submitProgressReport } from "../../server/domain/tasks/task.commands.ts";
import { lightsJob } from "../../server/jobs/lights.job.ts";
import { readDataset } from "../dataset/info.ts";
import { productEnv } from "../lib/process.ts";
import type { JobScenario } from "../lib/scenario.ts";

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));
const inList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

/** Every statement the product sends, in order, with the rows each INSERT/UPDATE/DELETE wrote. */
class WriteLog implements KyselyPlugin {
  statements: { kind: string; table: string; rows: number; params: readonly unknown[] }[] = [];
  constructor(private compile: (args: PluginTransformQueryArgs) => readonly unknown[]) {}
  transformQuery(args: PluginTransformQueryArgs) {
    const node = args.node as {
      kind: string;
      table?: { table?: { identifier?: { name?: string } } };
      into?: { table?: { identifier?: { name?: string } } };
      from?: { froms?: { table?: { identifier?: { name?: string } } }[] };
    };
    const table =
      node.table?.table?.identifier?.name ??
      node.into?.table?.identifier?.name ??
      node.from?.froms?.[0]?.table?.identifier?.name ??
      "";
    this.statements.push({ kind: node.kind, table, rows: 0, params: this.compile(args) });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    const last = this.statements.findLast((s) => s.rows === 0);
    if (last) last.rows = Number(args.result.numAffectedRows ?? 0n);
    return args.result;
  }
}

/** The bare scan: the same columns of the same rows the sweep reads, streamed in one pass. */
function bareScan(file: string): { rows: number; seconds: number } {
  const db = new Sqlite(file, { readonly: true });
  const t0 = performance.now();
  let rows = 0;
  const lit = `status in (${inList(LIT_PROBLEM_STATUSES)})`;
  for (const _ of db
    .prepare(
      `select id, campaign_id, status, lead_org_id, owner_org_id, lead_path, owner_path, assigned_on, created_at, deadline, progress, last_report_on, warned_on, light, planned_progress, light_reasons_json from problems where ${lit} order by id`,
    )
    .iterate())
    rows += 1;
  for (const _ of db
    .prepare(
      `select t.id, t.problem_id, t.org_id, t.org_path, t.created_at, t.deadline, t.progress, t.last_report_on, t.warned_on, t.light, t.planned_progress, t.light_reasons_json from problems p join tasks t on t.problem_id = p.id where p.${lit} and t.status in (${inList(LIT_TASK_STATUSES)}) order by p.id`,
    )
    .iterate())
    rows += 1;
  const s = seconds(t0);
  db.close();
  return { rows, seconds: s };
}

/**
 * (f) The daily light sweep over the whole ledger, on a copy of the database as of the day after
 * the dataset's (planned progress moves every day), against a bare scan of the same rows; then
 * one progress report and what its incremental recompute wrote.
 */
export const scenario: JobScenario = {
  name: "light_sweep",
  kind: "job",

  async run({ dbFile, dataDir }) {
    const info = readDataset(dataDir);
    const asOf = info?.asOf ?? shanghaiDate(new Date());
    const day = new Date(Date.parse(`${asOf}T04:00:00Z`) + 86_400_000); // noon in Shanghai, the next day
    const copy = path.join(dataDir, "light-sweep.db");
    const t0 = performance.now();
    fs.copyFileSync(dbFile, copy);
    const copyS = seconds(t0);
    const database = connect({ sqliteFile: copy });
    try {
      const config = loadConfig({ ...process.env, ...productEnv(dataDir) });
      const ctx = systemContext({ db: database.db, engine: "sqlite", config, now: () => day }, "bench");
      const t1 = performance.now();
      const sweep = await lightsJob.run(ctx);
      const sweepS = seconds(t1);
      const scan = bareScan(copy);
      // The same day again: nothing left to change, so this is the sweep's reading cost alone.
      const t2 = performance.now();
      const again = await sweepLights(ctx);
      const againS = seconds(t2);

      // A leaf task being worked on an item being rectified.
      const task = await ctx.db
        .selectFrom("tasks")
        .innerJoin("problems", "problems.id", "tasks.problemId")
        .select(["tasks.id", "tasks.problemId"])
        .where("tasks.status", "in", ["pending", "in_progress"])
        .where("problems.status", "=", "rectifying")
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom("tasks as c").select("c.id").whereRef("c.parentTaskId", "=", "tasks.id"))),
        )
        .limit(1)
        .executeTakeFirstOrThrow();
      const chain = await ctx.db
        .selectFrom("tasks")
        .select("id")
        .where("problemId", "=", task.problemId)
        .execute();
      const executor = ctx.db.getExecutor();
      const writes = new WriteLog((args) => executor.compileQuery(args.node, args.queryId).parameters);
      const logged = { ...ctx, db: ctx.db.withPlugin(writes) };
      const t3 = performance.now();
      await submitProgressReport(logged, { taskId: task.id, percent: 42, text: "压测：一次进展报送" });
      const reportMs = Number((performance.now() - t3).toFixed(1));
      const written = writes.statements.filter((s) => s.kind !== "SelectQueryNode" && s.kind !== "RawNode");
      const ledger = new Set(["tasks", "measures", "problems"]);
      const measures = await ctx.db
        .selectFrom("measures")
        .select("id")
        .where("problemId", "=", task.problemId)
        .execute();
      const mine = new Set([task.problemId, ...chain.map((t) => t.id), ...measures.map((m) => m.id)]);
      const outside = written.filter(
        (s) =>
          ledger.has(s.table) && s.kind === "UpdateQueryNode" && !s.params.some((p) => mine.has(String(p))),
      );
      return {
        sweep_s: sweepS,
        rows_scanned: sweep.problems + sweep.tasks,
        problems_scanned: sweep.problems,
        tasks_scanned: sweep.tasks,
        rows_changed: sweep.written,
        light_changes: sweep.lightChanges,
        baseline_scan_s: scan.seconds,
        baseline_rows: scan.rows,
        ratio: Number((scan.seconds / sweepS).toFixed(3)),
        second_sweep_s: againS,
        second_sweep_rows_changed: again.written,
        incremental_chain_tasks: chain.length,
        incremental_queries: writes.statements.length,
        incremental_write_statements: written.length,
        incremental_rows_touched: written.reduce((n, s) => n + s.rows, 0),
        incremental_ledger_rows_touched: written
          .filter((s) => ledger.has(s.table))
          .reduce((n, s) => n + s.rows, 0),
        incremental_ledger_updates_outside_chain: outside.length,
        incremental_ms: reportMs,
        sweep_as_of: shanghaiDate(day),
        copy_s: copyS,
      };
    } finally {
      await database.close();
      for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
    }
  },
};
