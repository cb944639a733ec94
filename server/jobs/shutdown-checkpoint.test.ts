import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { systemContext } from "../context.ts";
import { connect } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";
import { readCheckpoints } from "../domain/audit/audit.checkpoint.ts";
import { importDivisions } from "../domain/orgs/org.commands.ts";
import { guangxiDivisions } from "../domain/orgs/org.data.ts";

// The real binary: a graceful stop of `rectify worker` signs the audit chain's head.

const pgUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function freshInstall() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-stop-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATA_DIR: dir,
    DEMO: "0",
    LOG_LEVEL: "info",
    WEB_BUILD: "0",
  };
  delete env.DATABASE_URL;
  if (pgUrl) {
    const name = `rectify_stop_${randomBytes(5).toString("hex")}`;
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
  const config = loadConfig(env);
  const database = connect({ databaseUrl: config.databaseUrl, sqliteFile: path.join(dir, "rectify.db") });
  await migrateToLatest(database);
  await importDivisions(
    systemContext({ db: database.db, engine: database.engine, config }, "test"),
    guangxiDivisions(),
  );
  const head = await database.db.selectFrom("auditHead").select(["seq", "hash"]).executeTakeFirstOrThrow();
  await database.close();
  return { env, config, head };
}

describe(`stopping rectify worker (${pgUrl ? "postgres" : "sqlite"})`, () => {
  it("signs an audit checkpoint of the chain head on SIGTERM", async () => {
    const { env, config, head } = await freshInstall();
    expect(head.seq).toBeGreaterThan(0);
    expect(readCheckpoints(config.auditCheckpointFile)).toEqual([]);
    const child = spawn(process.execPath, ["bin/rectify.js", "worker"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    const deadline = Date.now() + 90_000;
    while (!out.includes("worker started")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`worker did not start\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.kill("SIGTERM");
    expect(await exited, out).toEqual({ code: 0, signal: null });
    const checkpoints = readCheckpoints(config.auditCheckpointFile);
    expect(checkpoints, out).toHaveLength(1);
    expect(checkpoints[0]).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(out).toContain("audit checkpoint signed");
  }, 150_000);
});
