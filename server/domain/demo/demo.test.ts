import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROBLEM_STATUSES } from "../../../contract/enums.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { verifyAuditChain } from "../audit/audit.verify.ts";
import { DEMO_ACCOUNTS, seedDemo } from "./demo.commands.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

describe("seedDemo", () => {
  it("loads departments, the towns and villages of 南宁 and 柳州, and every demo account, once", async () => {
    const first = await seedDemo(t.sys);
    expect(first.users).toBe(DEMO_ACCOUNTS.length);
    const towns = await t.database.db.selectFrom("orgs").select("id").where("level", "=", "town").execute();
    expect(towns.length).toBe(256);
    const dept = await t.database.db
      .selectFrom("orgs")
      .select("path")
      .where("name", "=", "自治区整改办")
      .executeTakeFirst();
    expect(dept?.path).toMatch(/^\/450000\/[\w-]+\/$/);
    const problems = await t.database.db
      .selectFrom("problems")
      .select(["status", "closureKind", "reopenCount"])
      .execute();
    expect(problems.length).toBeGreaterThanOrEqual(55);
    expect(new Set(problems.map((p) => p.status))).toEqual(new Set(PROBLEM_STATUSES));
    expect(problems.some((p) => p.closureKind === "rectified")).toBe(true);
    expect(problems.some((p) => p.closureKind === "duplicate" || p.closureKind === "not_in_remit")).toBe(
      true,
    );
    expect(problems.some((p) => p.reopenCount > 0)).toBe(true);
    // Lights are computed on first start, with warnings of every colour among the open items.
    const lights = await t.database.db.selectFrom("problems").select("light").execute();
    const taskLights = await t.database.db.selectFrom("tasks").select("light").execute();
    expect(new Set([...lights, ...taskLights].map((r) => r.light))).toEqual(
      new Set(["green", "yellow", "orange", "red"]),
    );
    const again = await seedDemo(t.sys);
    expect(again).toEqual({ orgs: 0, users: 0 });
    expect((await verifyAuditChain(t.sys)).ok).toBe(true);
  }, 240_000); // the whole demo tree, twice, on a shared PostgreSQL

  it("is refused in production", async () => {
    await expect(
      seedDemo({ ...t.sys, config: { ...t.sys.config, nodeEnv: "production" } }),
    ).rejects.toMatchObject({
      code: "demo_refused_in_production",
    });
  });
});
