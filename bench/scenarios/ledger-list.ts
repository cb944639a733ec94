import type { ProblemRowView } from "../../contract/schemas/problem.ts";
import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import { listProblems } from "../../server/domain/problems/ledger.queries.ts";
import { captureQueries, replay } from "../lib/capture.ts";
import type { Scenario } from "../lib/scenario.ts";

// 南宁市's unit lead: the ledger scoped to the city (problems led, co-operated or tasked there),
// filtered to 整改中 and sorted by deadline, 50 rows a page with the total.
const USER = "nanning";
const FILTER = { status: ["rectifying" as const], sort: "deadline" as const, limit: 50 };
const PATH = "/api/v1/problems?status=rectifying&sort=deadline&limit=50";

/** (c) 问题台账: one city's page of the ledger, filtered by status and sorted by deadline. */
export const scenario: Scenario = {
  name: "ledger_list",
  kind: "read",

  baseline(app, db) {
    // The exact SELECTs listProblems sends for this user and filter (rows, count, the page's
    // names and measures), captured once from the product's own query code, then run raw.
    const run = captureQueries(db.name, USER, (ctx) => listProblems(ctx, FILTER)).then((q) => replay(db, q));
    app.get("/baseline/ledger_list", async () => ({ data: (await run)() }));
  },

  async prepare({ real, baseline, dbFile }) {
    const session = await real.login(USER, DEMO_PASSWORD);
    const headers = { cookie: session.cookie };
    const mine = await real.ok<{ data: ProblemRowView[]; total: number }>("GET", PATH, { headers });
    const bare = await baseline.ok<{ data: { id: string }[] }>("GET", "/baseline/ledger_list");
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).join(",");
    if (mine.data.length === 0 || ids(mine.data) !== ids(bare.data))
      throw new Error("ledger_list: the product and the baseline return different rows");
    const queries = await captureQueries(dbFile, USER, (ctx) => listProblems(ctx, FILTER));
    return {
      real: { method: "GET", path: PATH, headers },
      baseline: { method: "GET", path: "/baseline/ledger_list" },
      extra: { rows: mine.data.length, total: mine.total, domain_queries: queries.length },
    };
  },
};
