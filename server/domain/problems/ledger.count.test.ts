import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { systemContext } from "../../context.ts";
import { connect, type Database } from "../../db/connect.ts";
import { buildProblem } from "../../test/problems.ts";
import { testConfig, testDb } from "../../test/support.ts";
import { keptCount } from "./ledger.count.ts";
import { listProblems } from "./ledger.queries.ts";

describe("keptCount", () => {
  let dir: string;
  const open: Database[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("counts again only after this connection or another one has written", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-count-"));
    const file = path.join(dir, "t.db");
    const a = connect({ sqliteFile: file });
    const b = connect({ sqliteFile: file });
    open.push(a, b);
    await sql`CREATE TABLE t (x INTEGER)`.execute(a.db);
    const ctx = systemContext({ db: a.db, engine: "sqlite", config: testConfig() });
    let counted = 0;
    const total = () =>
      keptCount(ctx, "t", async () => {
        counted += 1;
        return (await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(a.db)).rows[0].n;
      });
    expect(await total()).toBe(0);
    expect(await total()).toBe(0);
    expect(counted).toBe(1);
    await sql`INSERT INTO t VALUES (1)`.execute(b.db); // another connection commits
    expect(await total()).toBe(1);
    await sql`INSERT INTO t VALUES (2)`.execute(a.db); // this connection writes
    expect(await total()).toBe(2);
    expect(await total()).toBe(2);
    expect(counted).toBe(3);
  });
});

describe("the ledger total", () => {
  it("follows every new problem, however often the page is read", async () => {
    const t = await testDb();
    try {
      const user = await t.build.user({ roles: [["unit_lead", "450100"]] });
      const ctx = await t.ctxFor(user);
      expect((await listProblems(ctx, {})).total).toBe(0);
      await buildProblem(t, { owner: "450000", lead: "450100", stage: "assigned" });
      expect((await listProblems(ctx, {})).total).toBe(1);
      expect((await listProblems(ctx, { status: ["assigned"] })).total).toBe(1);
      await buildProblem(t, { owner: "450000", lead: "450100", stage: "assigned" });
      expect((await listProblems(ctx, {})).total).toBe(2);
      expect((await listProblems(ctx, { status: ["assigned"], limit: 1 })).total).toBe(2);
    } finally {
      await t.close();
    }
  });
});
