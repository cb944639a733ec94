import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../config.ts";
import { buildProblem } from "../../test/problems.ts";
import { engineName, type TestApp, testApp } from "../../test/support.ts";
import { lodgeObjection } from "../problems/objection.commands.ts";

let t: TestApp;
afterEach(() => t.close());

const limits = (over: Partial<Config["publicLimits"]> = {}): Partial<Config> => ({
  publicLimits: {
    windowMinutes: 60,
    perAddress: { objection: 3, ballot: 4 },
    perItem: { objection: 5, ballot: 100 },
    ...over,
  },
});

async function onNotice(overrides: Partial<Config>) {
  t = await testApp(overrides);
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  return buildProblem(t, { owner: "450000", lead: "450100", stage: "public_review", isPublic: true });
}

const object = (code: string, text: string, from = "203.0.113.7", lang = "zh-CN") =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/public/objections",
    payload: { problemCode: code, text },
    remoteAddress: from,
    headers: { "accept-language": lang },
  });

const objectionsOf = async (problemId: string) =>
  t.database.db.selectFrom("objections").select("text").where("problemId", "=", problemId).execute();

describe(`anonymous writes are limited (${engineName})`, () => {
  it("refuses objections over the per-address limit with 429, Retry-After and zh-CN/en messages", async () => {
    const p = await onNotice(limits());
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await object(p.code, `异议 ${i}`)).statusCode);
    expect(codes).toEqual([200, 200, 200]);
    const zh = await object(p.code, "异议 3");
    expect(zh.statusCode).toBe(429);
    expect(zh.headers["content-type"]).toContain("application/problem+json");
    expect(Number(zh.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(zh.headers["retry-after"])).toBeLessThanOrEqual(3600);
    expect(zh.json()).toMatchObject({ code: "rate_limited", detail: "请求过于频繁，请稍后再试" });
    const en = await object(p.code, "异议 4", "203.0.113.7", "en");
    expect(en.json()).toMatchObject({ code: "rate_limited", detail: "Too many requests, try again later" });
    // another address is not held up by this one
    expect((await object(p.code, "另一个人的异议", "198.51.100.1")).statusCode).toBe(200);
    expect(await objectionsOf(p.id)).toHaveLength(4);
    // the window ends
    t.clock.advance(3_600_000);
    expect((await object(p.code, "一小时后", "203.0.113.7")).statusCode).toBe(200);
  });

  it("caps the objections on one item whatever the number of addresses, so a flood cannot block its decision", async () => {
    const p = await onNotice(limits({ perAddress: { objection: 1000, ballot: 1000 } }));
    const codes = [];
    for (let i = 0; i < 40; i++)
      codes.push((await object(p.code, `异议 ${i}`, `10.9.${i >> 8}.${i & 255}`)).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    expect(await objectionsOf(p.id)).toHaveLength(5);
    // another item is not affected
    const q = await buildProblem(t, {
      owner: "450000",
      lead: "450100",
      stage: "public_review",
      isPublic: true,
    });
    expect((await object(q.code, "另一项的异议", "10.9.9.9")).statusCode).toBe(200);
  });

  it("folds the same text from the same address on the same item into one objection", async () => {
    const p = await onNotice(
      limits({ perAddress: { objection: 10, ballot: 10 }, perItem: { objection: 10, ballot: 10 } }),
    );
    for (const text of ["门还锁着", "门还锁着", "  门还锁着 ", "门还锁着\n"]) {
      expect((await object(p.code, text)).statusCode).toBe(200);
    }
    expect((await object(p.code, "门还锁着", "198.51.100.1")).statusCode).toBe(200);
    expect((await object(p.code, "另一件事")).statusCode).toBe(200);
    const rows = await objectionsOf(p.id);
    expect(rows.map((r) => r.text).sort()).toEqual(["另一件事", "门还锁着", "门还锁着"]);
    const lodged = await t.database.db
      .selectFrom("auditEvents")
      .select("id")
      .where("type", "=", "objection.lodged")
      .execute();
    expect(lodged).toHaveLength(3);
  });

  it("limits ballots per address, counting wrong tokens too (no guessing tokens in bulk)", async () => {
    const p = await onNotice(limits());
    const zgb = await t.as("zgb");
    const tokens = (await zgb("POST", `/api/v1/problems/${p.id}/ballot-tokens`, { count: 2 })).json().data
      .tokens as { token: string }[];
    const vote = (token: string, from = "203.0.113.7") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/ballots",
        payload: { token, choice: "satisfied" },
        remoteAddress: from,
      });
    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push((await vote(`guess-${i}-${"x".repeat(30)}`)).statusCode);
    expect(guesses.every((c) => c !== 200 && c !== 429)).toBe(true);
    const refused = await vote(tokens[0].token);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    // the token was not spent: it still votes from another address
    expect((await vote(tokens[0].token, "198.51.100.1")).statusCode).toBe(200);
  });

  it("limits ballots per item", async () => {
    const p = await onNotice(limits({ perItem: { objection: 5, ballot: 1 } }));
    const zgb = await t.as("zgb");
    const tokens = (await zgb("POST", `/api/v1/problems/${p.id}/ballot-tokens`, { count: 3 })).json().data
      .tokens as { token: string }[];
    const vote = (token: string, from: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/ballots",
        payload: { token, choice: "satisfied" },
        remoteAddress: from,
      });
    expect((await vote(tokens[0].token, "10.0.0.1")).statusCode).toBe(200);
    const second = await vote(tokens[1].token, "10.0.0.2");
    expect(second.statusCode).toBe(429);
    const used = await t.database.db
      .selectFrom("ballotTokens")
      .select("id")
      .where("problemId", "=", p.id)
      .where("usedAt", "is not", null)
      .execute();
    expect(used).toHaveLength(1);
  });

  it("does not count writes without a client address (demo seeding, the CLI)", async () => {
    const p = await onNotice(limits());
    for (let i = 0; i < 8; i++) await lodgeObjection(t.sys, { problemCode: p.code, text: `纸质异议 ${i}` });
    expect(await objectionsOf(p.id)).toHaveLength(8);
  });
});
