import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../test/support.ts";
import { MAX_FIELD_ERRORS } from "./plugins/errors.ts";
import { INPUT_LIMITS } from "./plugins/input-sanity.ts";

let t: TestApp;
let campaignId: string;
type Caller = Awaited<ReturnType<TestApp["as"]>>;
let admin: Caller;
let zgb: Caller;

beforeAll(async () => {
  t = await testApp();
  campaignId = (await t.build.campaign()).id;
  await t.build.user({ username: "root", roles: [["admin", "450000"]] });
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  admin = await t.as("root");
  zgb = await t.as("zgb");
});
afterAll(() => t.close());

const registration = (title: string) => ({
  campaignId,
  sourceType: "research",
  title,
  description: "部分村活动场所长期闲置",
  portrait: { symptoms: ["场所闲置"] },
  rectifyType: "deadline",
  target: "规范管理",
  acceptanceStandard: "场所正常使用",
});

describe("bodies that would amplify validation", () => {
  it("answers a 1 MB body of 90,000 unknown keys with a small 400 naming the bound", async () => {
    const keys: Record<string, number> = {};
    for (let i = 0; i < 90_000; i++) keys[`k${i}`] = 1;
    const res = await admin("POST", "/api/v1/orgs", keys, "en");
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(2_000);
    expect(res.json()).toMatchObject({
      code: "validation_failed",
      errors: [
        {
          field: "body",
          code: "maxProperties",
          message: `takes at most ${INPUT_LIMITS.keysPerObject} fields`,
        },
      ],
    });
  });

  it("reports at most 20 field errors, however many fields are wrong", async () => {
    const keys: Record<string, number> = {};
    for (let i = 0; i < INPUT_LIMITS.keysPerObject; i++) keys[`k${i}`] = 1;
    const res = await admin("POST", "/api/v1/orgs", keys);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(1);
    expect(res.json().errors.length).toBeLessThanOrEqual(MAX_FIELD_ERRORS);
    expect(res.body.length).toBeLessThan(5_000);
  });

  it("refuses long arrays, deep nesting and oversized nested objects before validation", async () => {
    const long = await zgb("POST", "/api/v1/problems", {
      ...registration("标题"),
      portrait: { symptoms: Array(INPUT_LIMITS.itemsPerArray + 1).fill("x") },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([
      expect.objectContaining({ field: "portrait/symptoms", code: "maxItems" }),
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const nested = await zgb("POST", "/api/v1/problems", { ...registration("标题"), portrait: deep });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors[0].code).toBe("tooDeep");
    const wide: Record<string, string> = {};
    for (let i = 0; i <= INPUT_LIMITS.keysPerObject; i++) wide[`s${i}`] = "x";
    const inner = await zgb("POST", "/api/v1/problems", { ...registration("标题"), portrait: wide });
    expect(inner.statusCode).toBe(400);
    expect(inner.json().errors[0]).toMatchObject({ field: "portrait", code: "maxProperties" });
  });
});

describe("numbers that are not finite", () => {
  it.each([
    "/api/v1/problems?limit=Infinity",
    "/api/v1/problems?limit=1e999",
    "/api/v1/problems?offset=-Infinity",
    "/api/v1/tasks?limit=1e999",
    "/api/v1/audit?limit=Infinity",
    "/api/v1/calendar/Infinity",
    "/api/v1/calendar/1e999",
  ])("GET %s answers 400, not 500", async (url) => {
    const res = await (url.includes("calendar") || url.includes("audit") ? admin : zgb)("GET", url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe("validation_failed");
  });
});

describe("dates outside 2000–2100", () => {
  it("are refused by every date field with the allowed range in both languages", async () => {
    const reg = await zgb("POST", "/api/v1/problems", registration("场所管理不规范"));
    const id = reg.json().data.id;
    for (const deadline of ["9999-12-31", "1999-12-31", "2101-01-01", "0000-01-01"]) {
      const zh = await zgb("POST", `/api/v1/problems/${id}/assign`, {
        leadOrgId: t.org("450100").id,
        deadline,
      });
      expect(zh.statusCode, deadline).toBe(400);
      expect(zh.json().errors).toEqual([
        { field: "deadline", code: "dateRange", message: "日期须在 2000-01-01 至 2100-12-31 之间" },
      ]);
    }
    const en = await zgb("GET", "/api/v1/problems?deadlineTo=9999-12-31", undefined, "en");
    expect(en.statusCode).toBe(400);
    expect(en.json().errors[0].message).toBe("must be a date from 2000-01-01 to 2100-12-31");
    const edge = await zgb("POST", `/api/v1/problems/${id}/assign`, {
      leadOrgId: t.org("450100").id,
      deadline: "2100-12-31",
    });
    expect(edge.statusCode, edge.body).toBe(200);
  });
});

describe("characters a Word document cannot hold", () => {
  it("are stripped at input, so they never reach storage", async () => {
    const res = await zgb("POST", "/api/v1/problems", {
      ...registration("整改\uFFFE通\uFFFF\u0001标题\uD800"),
      description: "第一行\n第二行\t\u000B完",
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.database.db
      .selectFrom("problems")
      .select(["title", "description"])
      .where("id", "=", res.json().data.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "整改通标题", description: "第一行\n第二行\t完" });
  });

  it("leave nothing behind when a field holds nothing else", async () => {
    const res = await zgb("POST", "/api/v1/problems", registration("\uFFFF\uFFFE"));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("title");
  });
});
