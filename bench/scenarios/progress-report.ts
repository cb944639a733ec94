import Sqlite from "better-sqlite3";
import { newId } from "../../server/db/columns.ts";
import { subtreeUpper } from "../../server/domain/access/subtree.ts";
import { canonicalJson } from "../../server/domain/audit/audit.chain.ts";
import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import { bareAppend } from "../lib/chain.ts";
import type { Scenario } from "../lib/scenario.ts";

// 南宁市's unit lead reports progress on a leaf task of the city: validated, authorised, rolled
// up the task tree to the problem, lights recomputed for that chain, audited, synchronous=FULL.
const USER = "nanning";
const TASKS_PER_SIDE = 500;

interface ReportBody {
  percent: number;
  text: string;
}

/**
 * Leaf tasks being worked in the city, on items being rectified, one per item and none on
 * `avoid` (the items the read scenarios show): the load is spread over them so no one item
 * gathers thousands of reports, run after run on the same dataset.
 */
function findLeafTasks(dbFile: string, root: string, avoid: string[], count: number): string[] {
  const db = new Sqlite(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select t.id, t.problem_id as problemId from tasks t
         join problems p on p.id = t.problem_id
         where t.org_path >= ? and t.org_path < ? and t.status = 'in_progress' and p.status = 'rectifying'
           and not exists (select 1 from tasks c where c.parent_task_id = t.id)
         limit ?`,
      )
      .all(root, subtreeUpper(root), count * 4) as { id: string; problemId: string }[];
    const seen = new Set(avoid);
    const out: string[] = [];
    for (const r of rows) {
      if (seen.has(r.problemId)) continue;
      seen.add(r.problemId);
      out.push(r.id);
    }
    return out.slice(0, count);
  } finally {
    db.close();
  }
}

/** Each request's task, round the list. */
function roundRobin(prefix: string, ids: string[], suffix: string) {
  let n = 0;
  return () => `${prefix}${ids[n++ % ids.length]}${suffix}`;
}

/** A report body with a new percentage below 100 each time (so the task stays in progress). */
function bodies(side: string) {
  let n = 0;
  return () => {
    n += 1;
    return JSON.stringify({ percent: 1 + (n % 98), text: `压测进展 ${side}-${n}` } satisfies ReportBody);
  };
}

/** (d) 进展报送: a progress report on a task, against a bare insert and chain append. */
export const scenario: Scenario = {
  name: "progress_report",
  kind: "write",

  baseline(app, db) {
    const task = db.prepare(`select "problem_id", "org_id", "org_path" from "tasks" where "id" = ?`);
    const insertReport = db.prepare(
      `insert into "progress_reports" ("id", "task_id", "problem_id", "percent", "text", "created_by", "created_by_name", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const append = bareAppend(db);
    const report = db.transaction((taskId: string, body: ReportBody, ip: string) => {
      const t = task.get(taskId) as { problem_id: string; org_id: string; org_path: string } | undefined;
      if (!t) throw new Error("no such task");
      const id = newId();
      const at = new Date().toISOString();
      insertReport.run(id, taskId, t.problem_id, body.percent, body.text, "baseline", "baseline", at);
      append({
        at,
        actorId: null,
        actorName: "baseline",
        scopePath: t.org_path,
        type: "task.reported",
        entityType: "problem",
        entityId: t.problem_id,
        dataJson: canonicalJson({
          taskId,
          orgId: t.org_id,
          reportId: id,
          percent: body.percent,
          attachmentIds: [],
        }),
        ip,
      });
      return { id };
    });
    app.post<{ Params: { id: string }; Body: ReportBody }>("/baseline/progress_report/:id", async (req) => ({
      data: report(req.params.id, req.body, req.ip),
    }));
  },

  async prepare({ real, baseline, dbFile }) {
    const session = await real.login(USER, DEMO_PASSWORD);
    const root = session.login.me?.roles.find((r) => r.role === "unit_lead")?.orgPath;
    if (!root) throw new Error(`${USER} holds no unit_lead role`);
    const page = await real.ok<{ data: { id: string }[] }>(
      "GET",
      "/api/v1/problems?status=rectifying&sort=deadline&limit=50",
      { headers: { cookie: session.cookie } },
    );
    // Half the tasks for each side, so neither side's reports weigh on the other's answers; the
    // read scenarios' items are left alone unless nothing else is left (the small demo ledger).
    const avoid = page.data.map((p) => p.id);
    let tasks = findLeafTasks(dbFile, root, avoid, 2 * TASKS_PER_SIDE);
    if (tasks.length < 2) tasks = findLeafTasks(dbFile, root, [], 2 * TASKS_PER_SIDE);
    if (tasks.length < 2) throw new Error("progress_report: too few leaf tasks in progress in the city");
    const mine = tasks.filter((_, i) => i % 2 === 0);
    const theirs = tasks.filter((_, i) => i % 2 === 1);
    const headers = {
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
      "content-type": "application/json",
    };
    const realBody = bodies("api");
    const bareBody = bodies("bare");
    const realPath = roundRobin("/api/v1/tasks/", mine, "/reports");
    const barePath = roundRobin("/baseline/progress_report/", theirs, "");
    await real.ok("POST", realPath(), { headers, body: JSON.parse(realBody()) });
    await baseline.ok("POST", barePath(), { body: JSON.parse(bareBody()) });
    return {
      real: { method: "POST", path: realPath(), paths: realPath, headers, body: realBody },
      baseline: {
        method: "POST",
        path: barePath(),
        paths: barePath,
        headers: { "content-type": "application/json" },
        body: bareBody,
      },
      extra: { tasks_per_side: mine.length },
    };
  },
};
