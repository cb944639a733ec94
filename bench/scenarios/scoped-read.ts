import type { OrgView } from "../../contract/schemas/org.ts";
import { subtreeUpper } from "../../server/domain/access/subtree.ts";
import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import type { Scenario } from "../lib/scenario.ts";

// 南宁市's unit lead: their scope is exactly the city's subtree (2,007 orgs in the demo seed),
// so GET /api/v1/orgs without filters is the scoped list of that subtree, 50 rows a page.
const USER = "nanning";
const CITY_CODE = "450100";
const LIMIT = 50;

// What listOrgs sends to SQLite for that request (Kysely output with CamelCasePlugin); keep it in
// step with listOrgs.
const SQL = `select *, (SELECT COUNT(*) FROM orgs c WHERE c.parent_id = orgs.id) as "child_count" from "orgs" where ("orgs"."path" >= ? AND "orgs"."path" < ?) order by "depth", "sort_key" limit ?`;

/** (a) An authenticated, scope-filtered page of one city's org subtree. */
export const scenario: Scenario = {
  name: "scoped_read",
  kind: "read",

  baseline(app, db) {
    const list = db.prepare(SQL);
    app.get<{ Querystring: { root: string; limit: string } }>("/baseline/scoped_read", async (req) => ({
      data: list.all(req.query.root, subtreeUpper(req.query.root), Number(req.query.limit)),
    }));
  },

  async prepare({ real, baseline }) {
    const session = await real.login(USER, DEMO_PASSWORD);
    const root = session.login.me?.roles.find((r) => r.orgPath.endsWith(`/${CITY_CODE}/`))?.orgPath;
    if (!root) throw new Error(`${USER} holds no role at ${CITY_CODE}`);
    const realLoad = {
      method: "GET" as const,
      path: `/api/v1/orgs?limit=${LIMIT}`,
      headers: { cookie: session.cookie },
    };
    const baselineLoad = {
      method: "GET" as const,
      path: `/baseline/scoped_read?root=${encodeURIComponent(root)}&limit=${LIMIT}`,
    };
    const mine = await real.ok<{ data: OrgView[] }>("GET", realLoad.path, { headers: realLoad.headers });
    const bare = await baseline.ok<{ data: { id: string }[] }>("GET", baselineLoad.path);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).join(",");
    if (mine.data.length !== LIMIT || ids(mine.data) !== ids(bare.data))
      throw new Error("scoped_read: the product and the baseline return different rows");
    return { real: realLoad, baseline: baselineLoad };
  },
};
