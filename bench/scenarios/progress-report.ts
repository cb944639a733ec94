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

interface ReportBody {
  percent: number;
  text: string;
}

/** A leaf task being worked in the city, on an item being rectified; null when there is none. */
function findLeafTask(dbFile: string, root: string) {
  const db = new Sqlite(dbFile, { readonly: true });
  try {
    return db
      .prepare(
        `select t.id, t.problem_id as problemId, t.org_id as orgId, t.org_path as orgPath from tasks t
         join problems p on p.id = t.problem_id
         where t.org_path >= ? and t.org_path < ? and t.status = 'in_progress' and p.status = 'rectifying'
           and not exists (select 1 from tasks c where c.parent_task_id = t.id)
         limit 1`,
      )
      .get(root, subtreeUpper(root)) as
      | { id: string; problemId: string; orgId: string; orgPath: string }
      | undefined;
  } finally {
    db.close();
  }
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
    const task = findLeafTask(dbFile, root);
    if (!task) throw new Error("progress_report: no leaf task in progress in the city");
    const headers = {
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
      "content-type": "application/json",
    };
    const realBody = bodies("api");
    const bareBody = bodies("bare");
    const realPath = `/api/v1/tasks/${task.id}/reports`;
    const barePath = `/baseline/progress_report/${task.id}`;
    await real.ok("POST", realPath, { headers, body: JSON.parse(realBody()) });
    await baseline.ok("POST", barePath, { body: JSON.parse(bareBody()) });
    return {
      real: { method: "POST", path: realPath, headers, body: realBody },
      baseline: {
        method: "POST",
        path: barePath,
        headers: { "content-type": "application/json" },
        body: bareBody,
      },
    };
  },
};
