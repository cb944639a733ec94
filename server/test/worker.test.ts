import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { systemContext, withActor } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";
import { loadActor } from "../domain/auth/session.queries.ts";
import { createWebhook } from "../domain/notifications/webhook.commands.ts";
import { importDivisions } from "../domain/orgs/org.commands.ts";
import { guangxiDivisions } from "../domain/orgs/org.data.ts";
import { createBuilders } from "./factories.ts";
import { buildProblem } from "./problems.ts";
import type { TestDb } from "./support.ts";

// The real binary: `rectify worker` killed with SIGKILL in the middle of delivering, two workers
// sharing one database, and `rectify jobs run … --dry-run`.

const pgUrl = process.env.TEST_DATABASE_URL;
const run = promisify(execFile);
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all([...children].map(exited));
  for (const c of cleanups.reverse()) await c();
});

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

/** A fresh data directory (and PostgreSQL database), migrated, with the region tree. */
async function freshInstall(extraEnv: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-worker-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATA_DIR: dir,
    DEMO: "0",
    LOG_LEVEL: "info",
    WEB_BUILD: "0",
    ARGON2_MEMORY_KIB: "1024",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (pgUrl) {
    const name = `rectify_worker_${randomBytes(5).toString("hex")}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const d = new pg.Client({ connectionString: pgUrl });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    });
  }
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig(env);
  const database: Database = connect({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(dir, "rectify.db"),
  });
  await migrateToLatest(database);
  const sys = systemContext({ db: database.db, engine: database.engine, config }, "test");
  await importDivisions(sys, guangxiDivisions());
  const codes = new Map(
    (
      await database.db
        .selectFrom("orgs")
        .select(["id", "code", "path"])
        .where("code", "is not", null)
        .execute()
    ).map((o) => [o.code as string, o]),
  );
  const org = (code: string) => codes.get(code) as { id: string; path: string };
  const t = {
    database,
    config,
    sys,
    org,
    build: createBuilders(sys, org),
    ctxFor: async (u: { id: string }) => withActor(sys, await loadActor(sys, u.id), null),
  } as unknown as TestDb;
  return { env, t, database, close: () => database.close() };
}

/** `rectify worker`; with `robotBase`, the same worker posting its robots to that local receiver. */
function startWorker(env: NodeJS.ProcessEnv, robotBase?: string) {
  const args = robotBase
    ? ["--import", "tsx", "server/test/local-robot-worker.ts"]
    : ["bin/rectify.js", "worker"];
  const child = spawn(process.execPath, args, {
    env: robotBase ? { ...env, LOCAL_ROBOT_BASE: robotBase } : env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return { child, output: () => out };
}

async function waitFor(what: string, cond: () => Promise<boolean>, ms = 60_000, output = () => "") {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`rectify worker (${pgUrl ? "postgres" : "sqlite"})`, () => {
  it("delivers every message at least once across a kill -9 mid-delivery; duplicates carry the same key", async () => {
    // a robot that takes its time answering, so the kill lands while a request is in flight
    const received: { key: string; body: string }[] = [];
    let pending = 0;
    const server = http.createServer((req, res) => {
      let raw = "";
      pending += 1;
      req.on("data", (d) => {
        raw += d;
      });
      req.on("end", () => {
        received.push({ key: String(req.headers["x-rectify-idempotency-key"]), body: raw });
        setTimeout(() => {
          pending -= 1;
          res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
        }, 150);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const install = await freshInstall({
      JOB_INTERVALS: "deliver-notifications=100",
      NOTIFY_CLAIM_TIMEOUT_MS: "1500",
      NOTIFY_BATCH_SIZE: "5",
    });
    const { t } = install;
    const MESSAGES = 24;
    await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "兴宁区整改群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=crash",
      secret: "SECcrash",
    });
    for (let i = 0; i < MESSAGES; i++)
      await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    const keys = (
      await install.database.db.selectFrom("notificationOutbox").select("idempotencyKey").execute()
    ).map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(MESSAGES);

    let worker = startWorker(install.env, base);
    await waitFor("some deliveries", async () => received.length >= 6 && pending > 0, 60_000, worker.output);
    const inFlightAtKill = pending;
    worker.child.kill("SIGKILL");
    await exited(worker.child);
    expect(worker.child.signalCode).toBe("SIGKILL");
    expect(inFlightAtKill).toBeGreaterThan(0);
    const beforeRestart = received.length;
    expect(beforeRestart).toBeLessThan(MESSAGES);

    worker = startWorker(install.env, base);
    const sent = async () =>
      Number(
        (
          await install.database.db
            .selectFrom("notificationOutbox")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("state", "=", "sent")
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitFor("every message sent", async () => (await sent()) === MESSAGES, 60_000, worker.output);

    // at least once: every key arrived
    const uniqueKeys = new Set(received.map((r) => r.key));
    expect([...uniqueKeys].sort()).toEqual([...keys].sort());
    // the message in flight at the kill was sent again: recognisable by its key, with the same content
    const byKey = new Map<string, string[]>();
    for (const r of received) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.body]);
    const duplicates = [...byKey.values()].filter((bodies) => bodies.length > 1);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const bodies of duplicates) {
      const texts = bodies.map((b) => (JSON.parse(b) as { markdown: { text: string } }).markdown.text);
      expect(new Set(texts).size).toBe(1);
    }
    // a receiver that drops keys it has seen ends up with each message exactly once
    expect(uniqueKeys.size).toBe(MESSAGES);

    worker.child.kill("SIGTERM");
    await exited(worker.child);
    expect(worker.child.exitCode, worker.output()).toBe(0);
    await install.close();
  }, 180_000);

  it("two workers on one database run each slot of a scheduled job once", async () => {
    const install = await freshInstall({ JOB_INTERVALS: "public-reviews=250,deliver-notifications=1000" });
    const a = startWorker(install.env);
    const b = startWorker(install.env);
    for (const w of [a, b]) {
      await waitFor(
        "the worker to start",
        async () => w.output().includes("worker started"),
        60_000,
        w.output,
      );
    }
    await new Promise((r) => setTimeout(r, 3_000));
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([exited(a.child), exited(b.child)]);
    expect(a.child.exitCode, a.output()).toBe(0);
    expect(b.child.exitCode, b.output()).toBe(0);
    const runs = (out: string) =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg?: string; job?: string; slot?: number })
        .filter((l) => l.msg === "job done" && l.job === "public-reviews")
        .map((l) => l.slot as number);
    const all = [...runs(a.output()), ...runs(b.output())];
    expect(all.length, `${a.output()}\n${b.output()}`).toBeGreaterThanOrEqual(5);
    expect(new Set(all).size).toBe(all.length);
    const lease = await install.database.db
      .selectFrom("jobLeases")
      .selectAll()
      .where("jobName", "=", "public-reviews")
      .executeTakeFirstOrThrow();
    expect(lease.runs).toBe(all.length);
    await install.close();
  }, 120_000);

  it("`jobs run public-reviews --dry-run` prints what it would decide and changes nothing", async () => {
    const install = await freshInstall();
    const { t, database } = install;
    await t.build.user({ roles: [["unit_lead", "450102"]] });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "public_review" });
    await database.db
      .updateTable("problems")
      .set({ publicReviewEndsAt: "2020-01-01T00:00:00.000Z" })
      .where("id", "=", p.id)
      .execute();
    const snapshot = async () => ({
      audit: (await database.db.selectFrom("auditHead").selectAll().executeTakeFirstOrThrow()).seq,
      inbox: (await database.db.selectFrom("notifications").select("id").execute()).length,
      problem: await database.db
        .selectFrom("problems")
        .selectAll()
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow(),
    });
    const before = await snapshot();
    await install.close();

    const dry = await run(
      process.execPath,
      ["bin/rectify.js", "jobs", "run", "public-reviews", "--dry-run"],
      {
        env: install.env,
        timeout: 120_000,
      },
    );
    const report = JSON.parse(dry.stdout) as {
      dryRun: boolean;
      result: { closed: number };
      events: { type: string; entityId: string }[];
    };
    expect(report.dryRun).toBe(true);
    expect(report.result).toEqual({ closed: 1 });
    expect(report.events.map((e) => [e.type, e.entityId])).toContainEqual([
      "problem.public_review_closed",
      p.id,
    ]);

    const reopened = connect({
      databaseUrl: install.env.DATABASE_URL ?? null,
      sqliteFile: path.join(install.env.DATA_DIR as string, "rectify.db"),
    });
    const again = {
      audit: (await reopened.db.selectFrom("auditHead").selectAll().executeTakeFirstOrThrow()).seq,
      inbox: (await reopened.db.selectFrom("notifications").select("id").execute()).length,
      problem: await reopened.db
        .selectFrom("problems")
        .selectAll()
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow(),
    };
    expect(again).toEqual(before);

    const real = await run(process.execPath, ["bin/rectify.js", "jobs", "run", "public-reviews"], {
      env: install.env,
      timeout: 120_000,
    });
    expect(real.stdout).toContain('"closed":1');
    const after = await reopened.db
      .selectFrom("problems")
      .select("status")
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(after.status).not.toBe("public_review");
    await reopened.close();
  }, 120_000);
});
