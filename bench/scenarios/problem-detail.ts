import type { ProblemRowView } from "../../contract/schemas/problem.ts";
import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import { getProblemDetail } from "../../server/domain/problems/problem.view.ts";
import type { Captured } from "../lib/capture.ts";
import { captureQueries, replay } from "../lib/capture.ts";
import type { Scenario } from "../lib/scenario.ts";

const USER = "nanning";

/** The detail of `id` as the product reads it for USER: every SELECT, in order. */
const detailQueries = (dbFile: string, id: string): Promise<Captured[]> =>
  captureQueries(dbFile, USER, (ctx) => getProblemDetail(ctx, id));

/** (e) 问题详情: one problem with its measures, task tree, reports and abilities. */
export const scenario: Scenario = {
  name: "problem_detail",
  kind: "read",

  baseline(app, db) {
    const runs = new Map<string, Promise<() => Record<string, unknown>[]>>();
    app.get<{ Querystring: { id: string } }>("/baseline/problem_detail", async (req) => {
      const id = req.query.id;
      let run = runs.get(id);
      if (!run) {
        run = detailQueries(db.name, id).then((q) => replay(db, q));
        runs.set(id, run);
      }
      return { data: (await run)()[0] };
    });
  },

  async prepare({ real, baseline, dbFile }) {
    const session = await real.login(USER, DEMO_PASSWORD);
    const headers = { cookie: session.cookie };
    // A problem of the city's ledger with a task tree and an ordinary history: the first
    // rectifying one by deadline with at most 20 reports.
    const page = await real.ok<{ data: ProblemRowView[] }>(
      "GET",
      "/api/v1/problems?status=rectifying&sort=deadline&limit=20",
      {
        headers,
      },
    );
    let chosen: { id: string; tasks: number; reports: number } | null = null;
    for (const row of page.data) {
      const d = await real.ok<{ data: { id: string; measures: { tasks: unknown[] }[]; reports: unknown[] } }>(
        "GET",
        `/api/v1/problems/${row.id}`,
        { headers },
      );
      const tasks = d.data.measures.reduce((n, m) => n + m.tasks.length, 0);
      if (tasks > 0 && d.data.reports.length <= 20) {
        chosen = { id: row.id, tasks, reports: d.data.reports.length };
        break;
      }
    }
    if (!chosen) throw new Error("problem_detail: no problem with tasks in the city's ledger");
    const bare = await baseline.ok<{ data: { id: string } }>(
      "GET",
      `/baseline/problem_detail?id=${chosen.id}`,
    );
    if (bare.data?.id !== chosen.id) throw new Error("problem_detail: the baseline read another problem");
    const queries = await detailQueries(dbFile, chosen.id);
    return {
      real: { method: "GET", path: `/api/v1/problems/${chosen.id}`, headers },
      baseline: { method: "GET", path: `/baseline/problem_detail?id=${chosen.id}` },
      extra: { domain_queries: queries.length, top_level_tasks: chosen.tasks, reports: chosen.reports },
    };
  },
};
