import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
let campaignId: string;
beforeEach(async () => {
  t = await testApp();
  campaignId = (await t.build.campaign()).id;
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  await t.build.user({ username: "ddz", roles: [["supervisor", "450000"]] });
  await t.build.user({ username: "nanning", roles: [["unit_lead", "450100"]] });
  await t.build.user({ username: "liuzhou", roles: [["unit_lead", "450200"]] });
  await t.build.user({ username: "liuzhou_zgb", roles: [["coordinator", "450200"]] });
});
afterEach(() => t.close());

const remarksEvents = (id: string) =>
  t.database.db
    .selectFrom("auditEvents")
    .select(["dataJson", "actorName"])
    .where("entityId", "=", id)
    .where("type", "=", "problem.remarks_updated")
    .orderBy("seq")
    .execute();

const remarksOf = async (id: string) =>
  (
    await t.database.db
      .selectFrom("problems")
      .select("remarks")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).remarks;

describe("problem remarks (备注)", () => {
  it("are set at registration and shown in the detail and the ledger row", async () => {
    const zgb = await t.as("zgb");
    const res = await zgb("POST", "/api/v1/problems", {
      campaignId,
      sourceType: "inspection",
      title: "基层减负落实不到位",
      description: "填表报数仍然过多",
      rectifyType: "deadline",
      target: "精简报表",
      acceptanceStandard: "报表数量减少一半",
      remarks: "  巡视反馈第3条  ",
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json().data;
    expect(detail).toMatchObject({ remarks: "巡视反馈第3条", abilities: { editRemarks: true } });
    const list = (await zgb("GET", "/api/v1/problems")).json().data;
    expect(list.find((r: { id: string }) => r.id === detail.id).remarks).toBe("巡视反馈第3条");
  });

  it("are updated by the lead unit, with the new value in the audit trail", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
    const nanning = await t.as("nanning");
    expect((await nanning("GET", `/api/v1/problems/${p.id}`)).json().data.abilities.editRemarks).toBe(true);
    const res = await nanning("PUT", `/api/v1/problems/${p.id}/remarks`, { remarks: "已纳入年度考核" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.remarks).toBe("已纳入年度考核");
    const cleared = await (await t.as("zgb"))("PUT", `/api/v1/problems/${p.id}/remarks`, { remarks: " " });
    expect(cleared.json().data.remarks).toBeNull();
    const events = await remarksEvents(p.id);
    expect(events.map((e) => JSON.parse(e.dataJson))).toEqual([
      { remarks: "已纳入年度考核", previous: null },
      { remarks: null, previous: "已纳入年度考核" },
    ]);
  });

  it("refuses a supervisor (403) and 柳州's users (404), changing nothing", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
    const ddz = await t.as("ddz");
    expect((await ddz("GET", `/api/v1/problems/${p.id}`)).json().data.abilities.editRemarks).toBe(false);
    expect((await ddz("PUT", `/api/v1/problems/${p.id}/remarks`, { remarks: "x" })).statusCode).toBe(403);
    for (const who of ["liuzhou", "liuzhou_zgb"]) {
      const call = await t.as(who);
      const res = await call("PUT", `/api/v1/problems/${p.id}/remarks`, { remarks: "x" });
      expect(res.statusCode, who).toBe(404);
    }
    expect(await remarksOf(p.id)).toBeNull();
    expect(await remarksEvents(p.id)).toEqual([]);
  });

  it("answers 400 problem+json in Chinese and English to remarks over 500 characters", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
    const zgb = await t.as("zgb");
    const url = `/api/v1/problems/${p.id}/remarks`;
    const long = { remarks: "备".repeat(501) };
    const zh = await zgb("PUT", url, long);
    expect(zh.statusCode).toBe(400);
    expect(zh.headers["content-type"]).toContain("application/problem+json");
    expect(zh.json()).toMatchObject({ code: "validation_failed", title: "提交的数据不符合要求" });
    expect(zh.json().errors[0].field).toContain("remarks");
    const en = await zgb("PUT", url, long, "en");
    expect(en.json()).toMatchObject({ code: "validation_failed", title: "The request is not valid" });
    expect(await remarksOf(p.id)).toBeNull();
    expect(await remarksEvents(p.id)).toEqual([]);
    expect((await zgb("PUT", url, { remarks: "备".repeat(500) })).statusCode).toBe(200);
    expect(await remarksOf(p.id)).toHaveLength(500);
  });
});
