import { afterEach, describe, expect, it } from "vitest";
import { countFailure, delayAfter, pruneRateLimits, takeRateLimit } from "../domain/limits/rate-limit.ts";
import { engineName, type TestApp, type TestDb, testApp, testDb } from "../test/support.ts";
import { buildApp } from "./app.ts";

let t: TestDb | TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe("delayAfter", () => {
  it("lets the free failures pass, then doubles from the base up to the cap", () => {
    const d = { free: 3, baseMs: 1000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => delayAfter(n, d))).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

describe(`rate limits in the database (${engineName})`, () => {
  it("counts hits per (bucket, key) in fixed windows and refuses over the limit with the seconds to wait", async () => {
    const db = await testDb();
    t = db;
    db.clock.set("2026-11-28T02:00:10.000Z");
    const limit = { bucket: "test", key: "1.2.3.4", max: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) await takeRateLimit(db.sys, limit);
    await expect(takeRateLimit(db.sys, limit)).rejects.toMatchObject({
      code: "rate_limited",
      params: { retryAfter: 50 },
    });
    // another key and another bucket are counted apart
    await takeRateLimit(db.sys, { ...limit, key: "5.6.7.8" });
    await takeRateLimit(db.sys, { ...limit, bucket: "other" });
    // the next window starts afresh
    db.clock.set("2026-11-28T02:01:00.000Z");
    await takeRateLimit(db.sys, limit);
    const rows = await db.database.db
      .selectFrom("rateLimits")
      .selectAll()
      .orderBy("bucket")
      .orderBy("key")
      .execute();
    expect(rows.map((r) => [r.bucket, r.key, r.hits])).toEqual([
      ["other", "1.2.3.4", 1],
      ["test", "1.2.3.4", 1],
      ["test", "5.6.7.8", 1],
    ]);
  });

  it("loses no count when many hits race on one key", async () => {
    const db = await testDb();
    t = db;
    const limit = { bucket: "race", key: "k", max: 10, windowMs: 60_000 };
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => takeRateLimit(db.sys, limit)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const row = await db.database.db.selectFrom("rateLimits").selectAll().executeTakeFirstOrThrow();
    expect(row.hits).toBe(25);
  });

  it("delays a key progressively and forgets a run of failures after a quiet spell", async () => {
    const db = await testDb();
    t = db;
    const d = { bucket: "delay", key: "u\n1.2.3.4", free: 2, baseMs: 1000, capMs: 4000, forgetMs: 60_000 };
    const ends: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const until = await countFailure(db.sys, d);
      ends.push(until ? until.getTime() - db.clock.now().getTime() : null);
    }
    expect(ends).toEqual([null, 1000, 2000, 4000, 4000]);
    db.clock.advance(61_000);
    expect(await countFailure(db.sys, d)).toBeNull();
    // old counters are pruned
    db.clock.advance(2 * 86_400_000);
    expect(await pruneRateLimits(db.sys, 86_400_000)).toBe(1);
  });

  it("is shared by every instance on one database: a second app sees the first one's count", async () => {
    const app = await testApp({ loginRatePerMinute: 3 });
    t = app;
    const other = await buildApp({
      config: app.config,
      database: app.database,
      now: app.clock.now,
      logger: false,
    });
    await other.ready();
    try {
      const attempt = (a: typeof other, i: number) =>
        a.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: `nobody${i}`, password: "whatever-password" },
        });
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await attempt(app.app, i)).statusCode);
      const refused = await attempt(other, 9);
      expect(codes).toEqual([401, 401, 401]);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
      expect(refused.json()).toMatchObject({ code: "rate_limited", status: 429 });
    } finally {
      await other.close();
    }
  });
});
