import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/columns.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { inAnySubtree, inSubtree, subtreeUpper } from "./subtree.ts";

describe("subtreeUpper", () => {
  it("raises the last character of the prefix", () => {
    expect(subtreeUpper("/450000/450100/")).toBe("/450000/4501000");
    expect(subtreeUpper("/")).toBe("0");
    expect(subtreeUpper("/a-z")).toBe("/a-{");
  });

  it("drops a last character that cannot be raised", () => {
    expect(subtreeUpper("/a\uffff")).toBe("/b");
  });

  it("has no answer for an empty or unraisable prefix", () => {
    expect(() => subtreeUpper("")).toThrow();
    expect(() => subtreeUpper("\uffff")).toThrow();
  });

  it("bounds every string that starts with the prefix, and only those", () => {
    const prefix = "/450000/450100/";
    const upper = subtreeUpper(prefix);
    for (const s of [prefix, `${prefix}450102/`, `${prefix}~`, `${prefix}\uffff`])
      expect(s >= prefix && s < upper).toBe(true);
    for (const s of ["/450000/450100", "/450000/4501000/", "/450000/450200/", "/450000/"])
      expect(s >= prefix && s < upper).toBe(false);
  });
});

describe("inSubtree on the database", () => {
  let t: TestDb;
  const paths = ["/t9/", "/t9/a/", "/t9/a/b/", "/t9/a0/", "/t9/A/", "/t9/a", "/t9/a/~/", "/t9/b/", "/t90/"];
  beforeAll(async () => {
    t = await testDb();
    const now = new Date().toISOString();
    await t.database.db
      .insertInto("orgs")
      .values(
        paths.map((path, i) => ({
          id: newId(),
          code: null,
          name: path,
          kind: "unit",
          level: null,
          parentId: null,
          path,
          depth: 1,
          sortKey: String(i),
          active: 1,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  });
  afterAll(() => t.close());

  const match = async (where: ReturnType<typeof inSubtree>) =>
    (await t.database.db.selectFrom("orgs").select("path").where(where).orderBy("path").execute())
      .map((r) => r.path)
      .filter((p) => p.startsWith("/t9"))
      .sort();

  it("matches the prefix and what lies below it, case-sensitively and byte by byte", async () => {
    expect(await match(inSubtree("path", "/t9/a/"))).toEqual(["/t9/a/", "/t9/a/b/", "/t9/a/~/"]);
    expect(await match(inSubtree("path", "/t9/"))).toEqual(paths.filter((p) => p.startsWith("/t9/")).sort());
  });

  it("joins several roots and matches nothing without any", async () => {
    expect(await match(inAnySubtree("path", ["/t9/a/", "/t9/b/"]))).toEqual([
      "/t9/a/",
      "/t9/a/b/",
      "/t9/a/~/",
      "/t9/b/",
    ]);
    expect(await match(inAnySubtree("path", []))).toEqual([]);
    expect(await match(inAnySubtree("path", null))).toEqual([...paths].sort());
  });
});
