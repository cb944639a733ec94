import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pgUrl = process.env.TEST_DATABASE_URL;
const databases: string[] = [];

async function rectify(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["bin/rectify.js", ...args], { env, timeout: 400_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** The environment of a new, empty install: its own DATA_DIR and, on PostgreSQL, its own database. */
async function emptyInstall(): Promise<NodeJS.ProcessEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bkcli-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    NODE_ENV: "development",
    WEB_BUILD: "0",
    ARGON2_MEMORY_KIB: "1024",
  };
  delete env.DATABASE_URL;
  delete env.BACKUP_DIR;
  if (!pgUrl) return env;
  const name = `rectify_bkcli_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  databases.push(name);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  return env;
}

afterAll(async () => {
  if (!pgUrl || databases.length === 0) return;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe("rectify backup and rectify restore", () => {
  it("README's commands back up an install and restore it into an empty one that verifies", async () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## 备份与恢复 · Backup and restore"));
    expect(section).toContain("npm run rectify -- backup --out /backups/");
    expect(section).toContain("npm run rectify -- restore /backups/");

    const src = await emptyInstall();
    const seeded = await rectify(src, "seed", "--demo");
    expect(seeded.code, seeded.out).toBe(0);
    expect((await rectify(src, "audit", "checkpoint")).code).toBe(0);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bkcli-out-")), "backup");
    const backedUp = await rectify(src, "backup", "--out", out);
    expect(backedUp.code, backedUp.out).toBe(0);
    expect(backedUp.out).toMatch(
      /backup written to .*: (sqlite|postgres) at \d+_\w+, \d+ audit events, 1 checkpoint/,
    );
    expect(backedUp.out).toContain("is not in the backup");
    const again = await rectify(src, "backup", "--out", out);
    expect(again.code).toBe(1);
    expect(again.out).toContain("is not empty");

    const target = await emptyInstall();
    const restored = await rectify(target, "restore", out);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(
      /every file matches manifest\.json; .*audit chain ok: \d+ events, 1 checkpoint\(s\) verified with the backup public key/,
    );
    expect(restored.out).toContain("put the audit signing key back");

    const twice = await rectify(target, "restore", out);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain("is not empty");

    // with its signing key back in place the restored install verifies on its own
    const key = path.join("keys", "audit-ed25519.pem");
    fs.mkdirSync(path.join(target.DATA_DIR as string, "keys"));
    fs.copyFileSync(path.join(src.DATA_DIR as string, key), path.join(target.DATA_DIR as string, key));
    const verified = await rectify(target, "audit", "verify");
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/audit chain ok: \d+ events, 1 checkpoint/);
  }, 900_000);

  it("runs the backup job only when BACKUP_DIR is set", async () => {
    const env = await emptyInstall();
    const off = await rectify(env, "jobs", "run", "backup");
    expect(off.code).toBe(1);
    expect(off.out).toContain("BACKUP_DIR is not set");
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bkcli-dir-"));
    const on = { ...env, BACKUP_DIR: backupDir };
    const ran = await rectify(on, "jobs", "run", "backup");
    expect(ran.code, ran.out).toBe(0);
    expect(fs.readdirSync(backupDir)).toEqual([expect.stringMatching(/^rectify-\d{4}-/)]);
    const dry = await rectify(on, "jobs", "run", "backup", "--dry-run");
    expect(dry.code, dry.out).toBe(0);
    expect(JSON.parse(dry.out).result.wouldWrite).toContain(backupDir);
  }, 900_000);
});
