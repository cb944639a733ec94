import type Sqlite from "better-sqlite3";
import type { OrgView } from "../../contract/schemas/org.ts";
import { newId } from "../../server/db/columns.ts";
import { canonicalJson } from "../../server/domain/audit/audit.chain.ts";
import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import { bareAppend } from "../lib/chain.ts";
import type { Scenario } from "../lib/scenario.ts";

// New units go under 桂林市 (no towns in the demo seed), away from the city scoped_read lists.
const PARENT_CODE = "450300";

interface CreateBody {
  parentId: string;
  name: string;
  kind: string;
}

/** INSERT into orgs + hash-chain append (head read, SHA-256, audit row, head update) in one transaction. */
function bareCreate(db: Sqlite.Database) {
  const parentById = db.prepare(`select "path", "depth" from "orgs" where "id" = ?`);
  const insertOrg = db.prepare(
    `insert into "orgs" ("id", "code", "name", "kind", "level", "parent_id", "path", "depth", "sort_key", "active", "created_at", "updated_at") values (?, null, ?, ?, null, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const append = bareAppend(db);

  return db.transaction((body: CreateBody, ip: string) => {
    const parent = parentById.get(body.parentId) as { path: string; depth: number } | undefined;
    if (!parent) throw new Error("no such parent");
    const id = newId();
    const at = new Date().toISOString();
    const path = `${parent.path}${id}/`;
    insertOrg.run(id, body.name, body.kind, body.parentId, path, parent.depth + 1, body.name, at, at);
    append({
      at,
      actorId: null,
      actorName: "baseline",
      scopePath: path,
      type: "org.created",
      entityType: "org",
      entityId: id,
      dataJson: canonicalJson({
        name: body.name,
        kind: body.kind,
        level: null,
        code: null,
        parentId: body.parentId,
      }),
      ip,
    });
    return { id, path };
  });
}

/** A unique unit name per request, so no insert repeats another. */
function names(side: string) {
  const tag = `${side}-${Date.now().toString(36)}`;
  let n = 0;
  return () => `压测单位 ${tag}-${++n}`;
}

/** (b) An admin creates an org: validation, authorization and the audit chain append, synchronous=FULL. */
export const scenario: Scenario = {
  name: "audited_write",
  kind: "write",

  baseline(app, db) {
    const create = bareCreate(db);
    app.post<{ Body: CreateBody }>("/baseline/audited_write", async (req) => ({
      data: create(req.body, req.ip),
    }));
  },

  async prepare({ real, baseline }) {
    const admin = await real.login("admin", DEMO_PASSWORD);
    const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "application/json" };
    const found = await real.ok<{ data: OrgView[] }>("GET", `/api/v1/orgs?q=${PARENT_CODE}&limit=1`, {
      headers,
    });
    const parent = found.data.find((o) => o.code === PARENT_CODE);
    if (!parent) throw new Error(`no org ${PARENT_CODE} in the demo seed`);
    const realName = names("api");
    const bareName = names("bare");
    const body = (name: () => string) => () =>
      JSON.stringify({ parentId: parent.id, name: name(), kind: "unit" } satisfies CreateBody);

    const mine = await real.ok<{ data: OrgView }>("POST", "/api/v1/orgs", {
      headers,
      body: JSON.parse(body(realName)()),
    });
    const bare = await baseline.ok<{ data: { path: string } }>("POST", "/baseline/audited_write", {
      body: JSON.parse(body(bareName)()),
    });
    if (!mine.data.path.startsWith(parent.path) || !bare.data.path.startsWith(parent.path))
      throw new Error("audited_write: a side did not create the unit under the parent");

    return {
      real: { method: "POST", path: "/api/v1/orgs", headers, body: body(realName) },
      baseline: {
        method: "POST",
        path: "/baseline/audited_write",
        headers: { "content-type": "application/json" },
        body: body(bareName),
      },
    };
  },
};
