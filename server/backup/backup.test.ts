import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Config } from "../config.ts";
import { type Ctx, systemContext, withActor } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";
import { uploadAttachment } from "../domain/attachments/attachment.commands.ts";
import { checkpointAuditChain, verifyAuditChain } from "../domain/audit/audit.verify.ts";
import { loadActor } from "../domain/auth/session.queries.ts";
import { importDivisions } from "../domain/orgs/org.commands.ts";
import { guangxiDivisions } from "../domain/orgs/org.data.ts";
import { backupJob } from "../jobs/backup.job.ts";
import { dryRunJob } from "../jobs/dry-run.ts";
import { createBuilders } from "../test/factories.ts";
import { testClock, testConfig } from "../test/support.ts";
import { createBackup, PART } from "./backup.create.ts";
import { MANIFEST, readManifest, writeManifest } from "./backup.manifest.ts";
import { RestoreError, restoreBackup } from "./backup.restore.ts";
import { listBackups } from "./backup.retention.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
const databases: string[] = [];
const opened: Database[] = [];

/** A new, empty database: a file under `dataDir` on SQLite, a database of its own on PostgreSQL. */
async function emptyInstall(overrides: Partial<Config> = {}): Promise<Config> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-backup-"));
  if (!pgUrl) return testConfig({ dataDir, ...overrides });
  const name = `rectify_backup_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return testConfig({ dataDir, databaseUrl: url.toString(), ...overrides });
}

function open(config: Config): Database {
  const database = connect({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, "rectify.db"),
    poolSize: 4,
  });
  opened.push(database);
  return database;
}

/** A migrated install with the region tree and a clerk who uploads evidence. */
async function install(overrides: Partial<Config> = {}) {
  const config = await emptyInstall(overrides);
  const database = open(config);
  await migrateToLatest(database);
  const clock = testClock();
  const sys = systemContext({ db: database.db, engine: database.engine, config, now: clock.now }, "test");
  await importDivisions(sys, guangxiDivisions());
  const codes = new Map(
    (await database.db.selectFrom("orgs").select(["id", "code", "path"]).execute()).map((o) => [o.code, o]),
  );
  const org = (code: string) => codes.get(code) as { id: string; path: string };
  const clerk = await createBuilders(sys, org).user({ roles: [["unit_staff", "450102"]] });
  const clerkCtx = withActor(sys, await loadActor(sys, clerk.id), null);
  return { config, database, sys, clock, clerkCtx };
}

const content = (n: number) => Buffer.from(`整改佐证材料 第 ${n} 份\n`);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Uploads evidence files one after another until stopped; `acked` holds those that returned. */
function writeLoad(ctx: Ctx, acked: { id: string; n: number }[]) {
  let stop = false;
  let n = 0;
  const loop = async () => {
    while (!stop) {
      const i = n++;
      const r = await uploadAttachment(ctx, { bytes: content(i), fileName: `材料${i}.txt` });
      acked.push({ id: r.id, n: i });
      // the next write arrives like a request would, as a new event (on SQLite every await above
      // settles without one, and the loops would starve the backup and the timers)
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const loops = [loop(), loop()];
  return async () => {
    stop = true;
    await Promise.all(loops);
  };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

afterAll(async () => {
  for (const d of opened) await d.close().catch(() => {});
  if (!pgUrl || databases.length === 0) return;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
  // dropping whole databases waits for checkpoints; a busy server takes its time
}, 180_000);

describe("backup and restore", () => {
  it("backs up under write load and restores every acknowledged write with a verifying chain", async () => {
    const src = await install();
    await checkpointAuditChain(src.sys);
    const acked: { id: string; n: number }[] = [];
    const stop = writeLoad(src.clerkCtx, acked);
    await until(() => acked.length >= 30);
    // a checkpoint signed while writes go on, just before the backup starts
    await checkpointAuditChain(src.sys);
    const before = [...acked];
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bk-")), "backup");
    let manifest: Awaited<ReturnType<typeof createBackup>>;
    let duringBackup: number;
    try {
      manifest = await createBackup({ engine: src.database.engine, config: src.config }, out);
      duringBackup = acked.length - before.length;
    } finally {
      await stop();
    }
    expect(duringBackup, "writes kept being acknowledged while the backup ran").toBeGreaterThan(0);

    expect(manifest.engine).toBe(src.database.engine);
    expect(manifest.audit.checkpoints).toBe(2);
    expect(manifest.uploads).toBeGreaterThanOrEqual(before.length);
    expect(manifest.schemaVersion).toBe(manifest.migrations.at(-1));
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        src.database.engine === "sqlite" ? PART.sqlite : PART.postgres,
        PART.checkpoints,
        PART.publicKey,
      ]),
    );
    expect(manifest.files.some((f) => f.path.startsWith("keys/"))).toBe(false);

    // the signing key is kept apart from the data directory, as README advises
    const target = await emptyInstall({ auditKeyFile: src.config.auditKeyFile });
    const report = await restoreBackup(target, out);
    expect(report.verifiedWith).toBe("install key");
    expect(report.checkpoints).toBe(2);
    expect(report.events).toBe(manifest.audit.seq);

    const restored = open(target);
    const rows = await restored.db.selectFrom("attachments").select(["id", "sha256"]).execute();
    const byId = new Map(rows.map((r) => [r.id, r.sha256]));
    for (const w of before) {
      expect(byId.get(w.id), `acknowledged upload ${w.n}`).toBe(sha(content(w.n)));
      const file = path.join(target.dataDir, "files", w.id.slice(-2), w.id);
      expect(fs.readFileSync(file).equals(content(w.n))).toBe(true);
    }
    // one snapshot: every row has its file and its audit event, and nothing half-written came along
    for (const r of rows)
      expect(fs.existsSync(path.join(target.dataDir, "files", r.id.slice(-2), r.id))).toBe(true);
    const uploadedEvents = await restored.db
      .selectFrom("auditEvents")
      .select((e) => e.fn.countAll<number>().as("n"))
      .where("type", "=", "attachment.uploaded")
      .executeTakeFirstOrThrow();
    expect(Number(uploadedEvents.n)).toBe(rows.length);
    const ctx = systemContext({ db: restored.db, engine: restored.engine, config: target }, "test");
    expect((await verifyAuditChain(ctx)).ok).toBe(true);

    // a restored install takes new writes and the chain goes on
    await checkpointAuditChain(ctx);
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true, checkpoints: 3 });

    // never over data: the same target again is refused before anything is touched
    await expect(restoreBackup(target, out)).rejects.toThrow(/not empty/);
  }, 120_000);

  it("refuses a backup whose files or checkpoints do not match, and verifies with the backup's public key", async () => {
    const src = await install();
    for (let i = 0; i < 3; i++)
      await uploadAttachment(src.clerkCtx, { bytes: content(i), fileName: "a.txt" });
    await checkpointAuditChain(src.sys);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bk-"));
    const out = path.join(root, "backup");
    await createBackup({ engine: src.database.engine, config: src.config }, out);
    await expect(createBackup({ engine: src.database.engine, config: src.config }, out)).rejects.toThrow(
      /not empty/,
    );

    // an evidence file changed after the backup: refused before anything is restored
    const changed = path.join(root, "changed");
    fs.cpSync(out, changed, { recursive: true });
    const upload = readManifest(changed).files.find((f) => f.path.startsWith("files/"))?.path as string;
    fs.appendFileSync(path.join(changed, upload), "x");
    const t1 = await emptyInstall();
    await expect(restoreBackup(t1, changed)).rejects.toThrow(`changed: ${upload}`);
    expect(fs.existsSync(path.join(t1.dataDir, "files"))).toBe(false);

    // a forged checkpoint with a manifest rewritten to match: the restore runs, the verification fails
    const forged = path.join(root, "forged");
    fs.cpSync(out, forged, { recursive: true });
    const cp = JSON.parse(fs.readFileSync(path.join(forged, PART.checkpoints), "utf8").trim());
    fs.writeFileSync(
      path.join(forged, PART.checkpoints),
      `${JSON.stringify({ ...cp, hash: "0".repeat(64) })}\n`,
    );
    const { format: _f, files: _files, ...fields } = readManifest(forged);
    fs.rmSync(path.join(forged, MANIFEST));
    await writeManifest(forged, fields);
    const t2 = await emptyInstall();
    const err = await restoreBackup(t2, forged).catch((e) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect(err.message).toMatch(/audit chain broken at event seq \d+: checkpoint_mismatch/);

    // the other engine, or a version that knows fewer migrations: refused before anything is written
    const other = await emptyInstall({
      databaseUrl: src.database.engine === "sqlite" ? "postgres://nobody@127.0.0.1:1/none" : null,
    });
    await expect(restoreBackup(other, out)).rejects.toThrow(/holds a (sqlite|postgres) database/);
    const newer = path.join(root, "newer");
    fs.cpSync(out, newer, { recursive: true });
    const m = readManifest(newer);
    fs.rmSync(path.join(newer, MANIFEST));
    const { format: _f2, files: _files2, ...rest } = m;
    await writeManifest(newer, { ...rest, migrations: [...m.migrations, "2099010100_future"] });
    const t4 = await emptyInstall();
    await expect(restoreBackup(t4, newer)).rejects.toThrow(/newer version \(migrations 2099010100_future\)/);
    expect(fs.readdirSync(t4.dataDir)).toEqual([]);

    // no key at AUDIT_KEY_FILE: the checkpoints are checked with the public key in the backup
    const t3 = await emptyInstall();
    const report = await restoreBackup(t3, out);
    expect(report).toMatchObject({ verifiedWith: "backup public key", checkpoints: 1, uploads: 3 });
    expect(fs.existsSync(t3.auditKeyFile)).toBe(false);
  }, 120_000);

  it("runs as the scheduled backup job into BACKUP_DIR, keeping the newest BACKUP_KEEP", async () => {
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bkdir-"));
    const src = await install({ backupDir, backupKeep: 2 });
    expect(backupJob.enabled(src.config)).toBe(true);
    expect(backupJob.enabled({ ...src.config, backupDir: null })).toBe(false);
    await expect(backupJob.run({ ...src.sys, config: { ...src.config, backupDir: null } })).rejects.toThrow(
      /BACKUP_DIR/,
    );
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await uploadAttachment(src.clerkCtx, { bytes: content(i), fileName: "a.txt" });
      const r = await backupJob.run(src.sys);
      names.push(r.backup);
      src.clock.advance(24 * 60 * 60_000);
    }
    expect(listBackups(backupDir)).toEqual(names.slice(1));
    expect(readManifest(path.join(backupDir, names[2])).uploads).toBe(3);
    const dry = await dryRunJob(src.sys, backupJob);
    expect(dry.result).toMatchObject({ wouldRemove: [names[1]] });
    expect(listBackups(backupDir)).toEqual(names.slice(1));
  }, 120_000);
});
