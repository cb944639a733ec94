// Where a progress report's time goes, in-process, on the demo seed (bench/README.md, scenario (d)):
//   node --import tsx bench/profiles/progress-report.ts
// Prints the mean time of the whole command and of the detail it answers with alone, the
// statements each sends, for REPORTS reports spread over 南宁市's leaf tasks, and a CPU profile
// of the reports by part (SQLite, Kysely, product code) and by function.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KyselyPlugin } from "kysely";
import { openDatabase } from "../../server/cli/runtime.ts";
import { loadConfig } from "../../server/config.ts";
import { systemContext, withActor } from "../../server/context.ts";
import { inSubtree } from "../../server/domain/access/subtree.ts";
import { loadActor } from "../../server/domain/auth/session.queries.ts";
import { getProblemDetail } from "../../server/domain/problems/problem.view.ts";
import { submitProgressReport } from "../../server/domain/tasks/task.commands.ts";
import { productEnv } from "../lib/process.ts";
import { profiled, summary } from "./cpu-profile.ts";

const REPORTS = Number(process.env.REPORTS ?? 600);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-profile-"));
const env = { ...process.env, ...productEnv(dir) };
const seeded = spawnSync("node", ["bin/rectify.js", "seed", "--demo"], { env, stdio: "inherit" });
if (seeded.status !== 0) throw new Error("seed failed");

let statements = 0;
const counter: KyselyPlugin = {
  transformQuery: (a) => {
    statements += 1;
    return a.node;
  },
  transformResult: async (a) => a.result,
};
const { config, database } = await openDatabase(loadConfig(env));
const db = database.db.withPlugin(counter);
const sys = systemContext({ db, engine: database.engine, config });
const user = await db
  .selectFrom("users")
  .select("id")
  .where("username", "=", "nanning")
  .executeTakeFirstOrThrow();
const ctx = withActor(sys, await loadActor(sys, user.id), null);
const tasks = await db
  .selectFrom("tasks")
  .select(["id", "problemId"])
  .where(inSubtree("orgPath", "/450000/450100/"))
  .where("status", "=", "in_progress")
  .where((eb) =>
    eb.not(eb.exists(eb.selectFrom("tasks as c").select("c.id").whereRef("c.parentTaskId", "=", "tasks.id"))),
  )
  .execute();
if (tasks.length === 0) throw new Error("no leaf task in progress under 南宁市");

async function measure(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  statements = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = (performance.now() - start) / n;
  console.log(`${label}: ${ms.toFixed(2)} ms, ${(statements / n).toFixed(1)} statements each (${n} runs)`);
}

const task = (i: number) => tasks[i % tasks.length];
const report = (i: number) =>
  submitProgressReport(ctx, { taskId: task(i).id, percent: 1 + (i % 98), text: `进展 ${i}` });
await measure("submitProgressReport", REPORTS, report);
await measure("getProblemDetail alone", REPORTS, (i) => getProblemDetail(ctx, task(i).problemId));
const profile = await profiled(() =>
  measure("submitProgressReport, profiled", REPORTS, (i) => report(REPORTS + i)),
);
for (const line of summary(profile)) console.log(line);
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
