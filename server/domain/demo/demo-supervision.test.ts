import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../test/support.ts";
import { seedDemo } from "./demo.commands.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

describe("the demo's 督办中心", () => {
  it("has urgings, a red notice answered and one waiting, a listed item, a proposal and a circular", async () => {
    await seedDemo(t.sys);
    const db = t.database.db;
    const notices = await db
      .selectFrom("supervisionNotices")
      .select(["level", "status", "docNumber"])
      .orderBy("issuedAt")
      .execute();
    expect(notices.filter((n) => n.level === "red").map((n) => n.status)).toEqual(["responded", "open"]);
    expect(notices.every((n) => /^督办〔\d{4}〕\d+号$/.test(n.docNumber))).toBe(true);
    expect((await db.selectFrom("urgings").select("id").execute()).length).toBeGreaterThanOrEqual(3);
    expect(await db.selectFrom("listings").select("status").execute()).toEqual([{ status: "listed" }]);
    expect(await db.selectFrom("escalationProposals").select("status").execute()).toEqual([
      { status: "pending" },
    ]);
    expect((await db.selectFrom("circulars").select("id").execute()).length).toBe(1);
  });
});
