import { afterEach, describe, expect, it } from "vitest";
import type { Ctx } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { buildProblem } from "../test/problems.ts";
import { engineName, type TestDb, testDb } from "../test/support.ts";
import { dryRunJob } from "./dry-run.ts";
import { claimJobSlot } from "./lease.ts";
import { publicReviewsJob } from "./public-reviews.job.ts";
import { JOBS, type Job, runScheduledJob } from "./scheduler.ts";

let t: TestDb;
let open = false;
const extra: Database[] = [];
afterEach(async () => {
  for (const d of extra.splice(0)) await d.close();
  if (open) await t.close();
  open = false;
});
const setup = async () => {
  t = await testDb();
  open = true;
};

describe(`job leases (${engineName})`, () => {
  it("gives each run slot to the first instance only, and moves only forward", async () => {
    await setup();
    expect(await claimJobSlot(t.sys, "demo", 100, "a")).toBe(true);
    expect(await claimJobSlot(t.sys, "demo", 100, "b")).toBe(false);
    expect(await claimJobSlot(t.sys, "demo", 99, "b")).toBe(false);
    expect(await claimJobSlot(t.sys, "demo", 101, "b")).toBe(true);
    expect(await claimJobSlot(t.sys, "other", 100, "b")).toBe(true);
    const lease = await t.database.db
      .selectFrom("jobLeases")
      .selectAll()
      .where("jobName", "=", "demo")
      .executeTakeFirstOrThrow();
    expect(lease).toMatchObject({ slot: 101, instance: "b", runs: 2 });
  });

  it("runs an exclusive job once per slot however many instances reach it", async () => {
    await setup();
    // On PostgreSQL the second instance has a connection pool of its own, as a second server would.
    const second: Ctx =
      t.database.engine === "postgres"
        ? (() => {
            const d = connect({
              databaseUrl: process.env.TEST_DATABASE_URL,
              pgSchema: t.database.pgSchema,
              poolSize: 3,
            });
            extra.push(d);
            return { ...t.sys, db: d.db };
          })()
        : t.sys;
    const runs: { slot: number; instance: string }[] = [];
    const job: Job = {
      name: "count-runs",
      everyMs: 60_000,
      run: async (ctx) => {
        runs.push({ slot: Math.floor(ctx.now().getTime() / 60_000), instance: "?" });
        return {};
      },
    };
    const slots = 6;
    for (let i = 0; i < slots; i++) {
      const results = await Promise.all([
        runScheduledJob(t.sys, job, "one"),
        runScheduledJob(second, job, "two"),
        runScheduledJob(t.sys, job, "one-again"),
        runScheduledJob(second, job, "two-again"),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      t.clock.advance(60_000);
    }
    expect(runs).toHaveLength(slots);
    expect(new Set(runs.map((r) => r.slot)).size).toBe(slots);
    const lease = await t.database.db
      .selectFrom("jobLeases")
      .selectAll()
      .where("jobName", "=", "count-runs")
      .executeTakeFirstOrThrow();
    expect(lease.runs).toBe(slots);
    expect(lease.finishedAt).not.toBeNull();
  });

  it("lets every instance run a non-exclusive job", async () => {
    await setup();
    let n = 0;
    const job: Job = { name: "everywhere", everyMs: 1000, exclusive: false, run: async () => ({ n: ++n }) };
    await runScheduledJob(t.sys, job, "a");
    await runScheduledJob(t.sys, job, "b");
    expect(n).toBe(2);
    expect(await t.database.db.selectFrom("jobLeases").selectAll().execute()).toEqual([]);
  });

  it("records a failed run on the lease and lets the next slot try again", async () => {
    await setup();
    let fail = true;
    const job: Job = {
      name: "flaky",
      everyMs: 1000,
      run: async () => {
        if (fail) throw new Error("database away");
        return { ok: true };
      },
    };
    await expect(runScheduledJob(t.sys, job, "a")).rejects.toThrow("database away");
    let lease = await t.database.db.selectFrom("jobLeases").selectAll().executeTakeFirstOrThrow();
    expect(lease.lastError).toContain("database away");
    fail = false;
    t.clock.advance(1000);
    expect(await runScheduledJob(t.sys, job, "a")).toEqual({ ok: true });
    lease = await t.database.db.selectFrom("jobLeases").selectAll().executeTakeFirstOrThrow();
    expect(lease).toMatchObject({ lastError: null, runs: 2, lastResultJson: '{"ok":true}' });
  });

  it("knows every job by a unique name", () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("deliver-notifications");
    expect(names).toContain("public-reviews");
  });
});

describe(`dry runs (${engineName})`, () => {
  it("report what public-reviews would decide and the notifications it would cause, and change nothing", async () => {
    await setup();
    await t.build.user({ roles: [["unit_lead", "450102"]] });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "public_review" });
    t.clock.advance(40 * 86_400_000);
    const count = async (table: "auditEvents" | "notifications" | "problems" | "jobLeases") =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      audit: await count("auditEvents"),
      inbox: await count("notifications"),
      leases: await count("jobLeases"),
    };
    const statusBefore = await t.database.db
      .selectFrom("problems")
      .select(["status", "updatedAt"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();

    const report = (await dryRunJob(t.sys, publicReviewsJob)) as {
      dryRun: boolean;
      result: { closed: number };
      events: { type: string; entityId: string }[];
    };
    expect(report.dryRun).toBe(true);
    expect(report.result.closed).toBe(1);
    expect(report.events.map((e) => [e.type, e.entityId])).toContainEqual([
      "problem.public_review_closed",
      p.id,
    ]);

    expect(await count("auditEvents")).toBe(before.audit);
    expect(await count("notifications")).toBe(before.inbox);
    expect(await count("jobLeases")).toBe(before.leases);
    expect(
      await t.database.db
        .selectFrom("problems")
        .select(["status", "updatedAt"])
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(statusBefore);
    // and the real run does what the dry run said
    expect(await publicReviewsJob.run(t.sys)).toEqual({ closed: 1 });
    expect(await count("auditEvents")).toBeGreaterThan(before.audit);
  });
});
