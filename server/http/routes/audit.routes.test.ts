import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "aud_nn", roles: [["auditor", "450100"]] });
  await t.build.user({ username: "aud_gx", roles: [["auditor", "450000"]] });
  await t.build.org({ parentCode: "450102", name: "兴宁区某局" });
  await t.build.org({ parentCode: "450202", name: "城中区某局" });
});
afterEach(() => t.close());

describe("GET /api/v1/audit", () => {
  it("shows an auditor the events of their subtree only, newest first", async () => {
    const nn = await t.as("aud_nn");
    const res = await nn("GET", "/api/v1/audit?type=org.created");
    expect(res.statusCode).toBe(200);
    const names = res.json().data.map((e: { data: { name: string } }) => e.data.name);
    expect(names).toEqual(["兴宁区某局"]);
    const gx = await t.as("aud_gx");
    const all = (await gx("GET", "/api/v1/audit?type=org.created")).json().data;
    expect(all.map((e: { data: { name: string } }) => e.data.name)).toEqual(["城中区某局", "兴宁区某局"]);
    expect(all[0].seq).toBeGreaterThan(all[1].seq);
  });

  it("filters by entity, actor and time and pages with `before`", async () => {
    const gx = await t.as("aud_gx");
    const page1 = (await gx("GET", "/api/v1/audit?limit=2")).json();
    expect(page1.data).toHaveLength(2);
    const page2 = (await gx("GET", `/api/v1/audit?limit=2&before=${page1.nextBefore}`)).json();
    expect(page2.data[0].seq).toBeLessThan(page1.data[1].seq);
    const one = page1.data[0];
    const byEntity = (
      await gx("GET", `/api/v1/audit?entityType=${one.entityType}&entityId=${one.entityId}`)
    ).json().data;
    expect(byEntity.every((e: { entityId: string }) => e.entityId === one.entityId)).toBe(true);
    const future = (await gx("GET", "/api/v1/audit?from=2030-01-01T00:00:00Z")).json().data;
    expect(future).toEqual([]);
    const bad = await gx("GET", "/api/v1/audit?from=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("from");
  });

  it("records who logged in, from where, in the trail", async () => {
    const gx = await t.as("aud_gx");
    const logins = (await gx("GET", "/api/v1/audit?type=auth.login_succeeded")).json().data;
    expect(logins[0]).toMatchObject({ actorName: "aud_gx", ip: "127.0.0.1" });
  });

  it("verifies the chain for an auditor and refuses everyone else", async () => {
    const gx = await t.as("aud_gx");
    const res = (await gx("GET", "/api/v1/audit/verify")).json().data;
    expect(res).toMatchObject({ ok: true });
    expect(res.count).toBeGreaterThan(4);
    await t.build.user({ username: "nn_admin", roles: [["admin", "450100"]] });
    const admin = await t.as("nn_admin");
    expect((await admin("GET", "/api/v1/audit")).statusCode).toBe(403);
  });
});
