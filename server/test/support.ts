import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KyselyPlugin } from "kysely";
import pg from "pg";
import type { Role } from "../../contract/enums.ts";
import { type Config, loadConfig } from "../config.ts";
import { type Ctx, systemContext, withActor } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";
import { loadActor } from "../domain/auth/session.queries.ts";
import { importDivisions } from "../domain/orgs/org.commands.ts";
import { guangxiDivisions } from "../domain/orgs/org.data.ts";
import { buildApp } from "../http/app.ts";
import { createBuilders } from "./factories.ts";

export const TEST_PASSWORD = "correct-horse-battery";
export const engineName = process.env.TEST_DATABASE_URL ? "postgres" : "sqlite";

/** A settable clock: tests freeze time and move it on explicitly. */
export function testClock(start = "2026-11-28T02:00:00.000Z") {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

/** Opens a fresh database on the engine under test: SQLite in memory, or a new PostgreSQL schema. */
export async function openTestDatabase(): Promise<{
  database: Database;
  migrate: () => Promise<string[]>;
  drop: () => Promise<void>;
}> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = connect({ sqliteFile: ":memory:" });
    return { database, migrate: () => migrateToLatest(database), drop: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = connect({ databaseUrl: url, pgSchema: schema, poolSize: 5 });
  return {
    database,
    migrate: () => migrateToLatest(database),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-test-"));
  return loadConfig(
    {},
    {
      dataDir: dir,
      demo: false,
      requireMfa: false,
      argon2MemoryKib: 1024,
      auditKeyFile: path.join(dir, "keys", "audit.pem"),
      auditCheckpointFile: path.join(dir, "checkpoints", "audit.jsonl"),
      secretsKeyFile: path.join(dir, "keys", "secrets.key"),
      webDist: path.join(dir, "no-web"),
      logLevel: "silent",
      ...overrides,
    },
  );
}

/** A migrated database holding the Guangxi region tree, a frozen clock and builders. */
export async function testDb(overrides: Partial<Config> = {}) {
  const { database, migrate, drop } = await openTestDatabase();
  await migrate();
  const config = testConfig(overrides);
  const clock = testClock();
  const sys = systemContext({ db: database.db, engine: database.engine, config, now: clock.now }, "test");
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
  /** The org with a GB/T 2260 code (throws on an unknown code, so typos fail loudly). */
  const org = (code: string) => {
    const o = codes.get(code);
    if (!o) throw new Error(`no org ${code} in the test tree`);
    return o;
  };
  /** A context acting as the given user, with the frozen clock. */
  const ctxFor = async (user: { id: string }): Promise<Ctx> =>
    withActor(sys, await loadActor(sys, user.id), null);
  const build = createBuilders(sys, org);
  return { database, config, clock, sys, org, ctxFor, build, close: drop };
}

export type TestDb = Awaited<ReturnType<typeof testDb>>;

/** The app over a test database, with helpers to sign in and call it as a user. */
export async function testApp(overrides: Partial<Config> = {}, opts: { plugins?: KyselyPlugin[] } = {}) {
  const t = await testDb(overrides);
  const db = (opts.plugins ?? []).reduce((d, p) => d.withPlugin(p), t.database.db);
  const app = await buildApp({
    config: t.config,
    database: { ...t.database, db },
    now: t.clock.now,
    logger: false,
  });
  await app.ready();

  async function login(username: string, password = TEST_PASSWORD) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === "rectify_sid");
    return {
      cookie: `rectify_sid=${cookie?.value}`,
      csrf: res.json().data.csrfToken as string,
      body: res.json(),
    };
  }

  /** Signs in and returns a caller that sends the cookie and CSRF token on every request. */
  async function as(username: string, password = TEST_PASSWORD) {
    const s = await login(username, password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrf };
    const call = (
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      url: string,
      payload?: unknown,
      lang = "zh-CN",
    ) =>
      app.inject({
        method,
        url,
        payload: payload as never,
        headers: { ...headers, "accept-language": lang },
      });
    return Object.assign(call, { headers });
  }

  return {
    ...t,
    app,
    login,
    as,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;
export type { Role };
