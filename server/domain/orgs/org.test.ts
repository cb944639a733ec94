import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../test/support.ts";
import { createOrg, moveOrg, renameOrg, setOrgActive } from "./org.commands.ts";
import { getOrgView, listOrgs, listOrgTreeRoots } from "./org.queries.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

const admin = async (code: string) => t.ctxFor(await t.build.user({ roles: [["admin", code]] }));

describe("the Guangxi tree", () => {
  it("holds the region, its 14 cities and 111 county-level units with materialised paths", async () => {
    const rows = await t.database.db.selectFrom("orgs").select(["code", "path", "level"]).execute();
    expect(rows).toHaveLength(126);
    expect(rows.filter((r) => r.level === "city")).toHaveLength(14);
    expect(rows.filter((r) => r.level === "county")).toHaveLength(111);
    expect(rows.find((r) => r.code === "450102")?.path).toBe("/450000/450100/450102/");
  });
});

describe("createOrg", () => {
  it("adds a department under the admin's subtree and audits it", async () => {
    const ctx = await admin("450100");
    const dept = await createOrg(ctx, {
      parentId: t.org("450102").id,
      name: "兴宁区委组织部",
      kind: "department",
    });
    expect(dept.path).toBe(`/450000/450100/450102/${dept.id}/`);
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("entityId", "=", dept.id)
      .execute();
    expect(audit.map((a) => a.type)).toEqual(["org.created"]);
  });

  it("refuses a parent outside the admin's subtree as not found", async () => {
    const ctx = await admin("450100");
    await expect(
      createOrg(ctx, { parentId: t.org("450200").id, name: "x", kind: "unit" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses non-admins, a taken code and a region without a level", async () => {
    const lead = await t.ctxFor(await t.build.user({ roles: [["unit_lead", "450100"]] }));
    await expect(
      createOrg(lead, { parentId: t.org("450100").id, name: "x", kind: "unit" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const ctx = await admin("450000");
    await expect(
      createOrg(ctx, {
        parentId: t.org("450100").id,
        name: "x",
        kind: "region",
        level: "town",
        code: "450102",
      }),
    ).rejects.toMatchObject({ code: "org_code_taken" });
    await expect(
      createOrg(ctx, { parentId: t.org("450102").id, name: "x", kind: "region" }),
    ).rejects.toMatchObject({
      code: "org_level_required",
    });
  });
});

describe("moveOrg", () => {
  it("rewrites the paths of the whole subtree in one transaction", async () => {
    const ctx = await admin("450000");
    const dept = await createOrg(ctx, { parentId: t.org("450102").id, name: "部门", kind: "department" });
    const unit = await createOrg(ctx, { parentId: dept.id, name: "下属单位", kind: "unit" });
    const moved = await moveOrg(ctx, { orgId: dept.id, parentId: t.org("450200").id });
    expect(moved.path).toBe(`/450000/450200/${dept.id}/`);
    const child = await getOrgView(ctx, unit.id);
    expect(child.path).toBe(`/450000/450200/${dept.id}/${unit.id}/`);
    const depth = await t.database.db
      .selectFrom("orgs")
      .select("depth")
      .where("id", "=", unit.id)
      .executeTakeFirstOrThrow();
    expect(depth.depth).toBe(3);
  });

  it("moves a county with its code path and keeps the codes", async () => {
    const ctx = await admin("450000");
    await moveOrg(ctx, { orgId: t.org("450102").id, parentId: t.org("450200").id });
    const v = await getOrgView(ctx, t.org("450102").id);
    expect(v.path).toBe("/450000/450200/450102/");
  });

  it("refuses to move an org under itself or its descendants, and leaves the tree as it was", async () => {
    const ctx = await admin("450000");
    await expect(
      moveOrg(ctx, { orgId: t.org("450100").id, parentId: t.org("450102").id }),
    ).rejects.toMatchObject({
      code: "org_move_cycle",
    });
    expect((await getOrgView(ctx, t.org("450102").id)).path).toBe("/450000/450100/450102/");
  });

  it("refuses to move or deactivate the root", async () => {
    const ctx = await admin("450000");
    await expect(
      moveOrg(ctx, { orgId: t.org("450000").id, parentId: t.org("450100").id }),
    ).rejects.toMatchObject({
      code: "org_is_root",
    });
    await expect(setOrgActive(ctx, { orgId: t.org("450000").id, active: false })).rejects.toMatchObject({
      code: "org_is_root",
    });
  });
});

describe("renameOrg and setOrgActive", () => {
  it("renames, deactivates and reactivates, each audited once", async () => {
    const ctx = await admin("450000");
    const id = t.org("450103").id;
    expect((await renameOrg(ctx, { orgId: id, name: "青秀区（新）" })).name).toBe("青秀区（新）");
    expect((await setOrgActive(ctx, { orgId: id, active: false })).active).toBe(false);
    await setOrgActive(ctx, { orgId: id, active: false });
    expect((await setOrgActive(ctx, { orgId: id, active: true })).active).toBe(true);
    const types = (
      await t.database.db.selectFrom("auditEvents").select("type").where("entityId", "=", id).execute()
    ).map((r) => r.type);
    expect(types).toEqual(["org.renamed", "org.deactivated", "org.activated"]);
  });

  it("refuses new children under a deactivated org", async () => {
    const ctx = await admin("450000");
    await setOrgActive(ctx, { orgId: t.org("450103").id, active: false });
    await expect(
      createOrg(ctx, { parentId: t.org("450103").id, name: "x", kind: "unit" }),
    ).rejects.toMatchObject({
      code: "org_inactive",
    });
  });
});

describe("listOrgs and the tree", () => {
  it("shows a city lead their city as the root and nothing outside it", async () => {
    const ctx = await t.ctxFor(await t.build.user({ roles: [["unit_lead", "450100"]] }));
    const roots = await listOrgTreeRoots(ctx);
    expect(roots.map((r) => r.name)).toEqual(["南宁市"]);
    expect(roots[0].hasChildren).toBe(true);
    const found = await listOrgs(ctx, { q: "区" });
    expect(found.length).toBeGreaterThan(3);
    expect(found.every((o) => o.path.startsWith("/450000/450100/"))).toBe(true);
    expect(await listOrgs(ctx, { q: "柳州" })).toEqual([]);
    expect(await listOrgs(ctx, { parentId: t.org("450200").id })).toEqual([]);
    await expect(getOrgView(ctx, t.org("450200").id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("finds orgs by code prefix and treats LIKE wildcards literally", async () => {
    const ctx = await admin("450000");
    expect((await listOrgs(ctx, { q: "4502" })).map((o) => o.code)).toContain("450200");
    expect(await listOrgs(ctx, { q: "%" })).toEqual([]);
  });

  it("gives one root per disjoint grant", async () => {
    const ctx = await t.ctxFor(
      await t.build.user({
        roles: [
          ["unit_lead", "450100"],
          ["unit_staff", "450102"],
          ["leader", "450200"],
        ],
      }),
    );
    expect((await listOrgTreeRoots(ctx)).map((r) => r.code)).toEqual(["450100", "450200"]);
  });
});
