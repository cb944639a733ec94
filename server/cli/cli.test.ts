import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pgUrl = process.env.TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;

async function rectify(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["bin/rectify.js", ...args], { env, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** Tampers like an attacker with database access: around the append-only triggers. */
async function tamper(sqlText: string) {
  if (!pgUrl) {
    const db = new Sqlite(path.join(env.DATA_DIR as string, "rectify.db"));
    const triggers = db
      .prepare("SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_events'")
      .all() as {
      sql: string;
    }[];
    db.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    db.exec(sqlText);
    for (const t of triggers) db.exec(t.sql);
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: env.DATABASE_URL });
  await c.connect();
  await c.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
  await c.query(sqlText);
  await c.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
  await c.end();
}

const databases: string[] = [];

/** A fresh data dir, and on PostgreSQL a fresh database, for one test. */
async function freshInstall() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-cli-"));
  env = { ...process.env, DATA_DIR: dir, NODE_ENV: "development", WEB_BUILD: "0", ARGON2_MEMORY_KIB: "1024" };
  delete env.DATABASE_URL;
  if (!pgUrl) return;
  const name = `rectify_cli_${Date.now().toString(36)}${databases.length}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  databases.push(name);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
}

afterAll(async () => {
  if (!pgUrl || databases.length === 0) return;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe("the rectify CLI", () => {
  it("migrates, seeds the demo, adds a user and verifies the audit chain; any direct edit makes verify fail", async () => {
    await freshInstall();
    expect((await rectify("migrate")).code).toBe(0);
    expect((await rectify("seed", "--demo")).code).toBe(0);
    const added = await rectify(
      "user",
      "add",
      "--username",
      "clerk",
      "--org",
      "450102",
      "--role",
      "unit_staff",
      "--password",
      "a-long-enough-password",
    );
    expect(added.code, added.out).toBe(0);
    const bad = await rectify(
      "user",
      "add",
      "--username",
      "x",
      "--org",
      "450102",
      "--role",
      "pilot",
      "--password",
      "p",
    );
    expect(bad.code).toBe(2);
    const ok = await rectify("audit", "verify");
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/audit chain ok: \d+ events/);

    await tamper("UPDATE audit_events SET data_json = '{\"forged\":true}' WHERE seq = 3");
    const broken = await rectify("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("seq 3");
  }, 300_000);

  it("names the cut when the last 10 events of a checkpointed chain are removed", async () => {
    await freshInstall();
    expect((await rectify("seed", "--demo")).code).toBe(0);
    const cp = await rectify("audit", "checkpoint");
    expect(cp.out).toMatch(/checkpoint signed: seq (\d+)/);
    const seq = Number(/seq (\d+)/.exec(cp.out)?.[1]);
    const ok = await rectify("audit", "verify");
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain(`1 checkpoint(s) checked, the last at seq ${seq}`);
    await tamper(
      `DELETE FROM audit_events WHERE seq > ${seq - 10}; UPDATE audit_head SET seq = ${seq - 10}, hash = (SELECT hash FROM audit_events WHERE seq = ${seq - 10})`,
    );
    const truncated = await rectify("audit", "verify");
    expect(truncated.code).toBe(1);
    expect(truncated.out).toContain("checkpoint_missing");
    expect(truncated.out).toContain(
      `for seq ${seq} is no longer in the chain, which ends at seq ${seq - 10}`,
    );
  }, 300_000);
});
