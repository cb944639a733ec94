import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import type { Config } from "../config.ts";
import type { Engine } from "../db/connect.ts";
import { completeLines, copyTree } from "./backup.files.ts";
import { type BackupManifest, writeManifest } from "./backup.manifest.ts";
import { findPgTool, openClient, runTool, serverMajor, toolConnection } from "./backup.postgres.ts";
import { postgresFacts, type SnapshotFacts, sqliteFacts } from "./backup.snapshot.ts";

/** Names of the parts inside a backup folder. */
export const PART = {
  sqlite: "database.sqlite",
  postgres: "database.pgdump",
  uploads: "files",
  checkpoints: "audit-checkpoints.jsonl",
  publicKey: "audit-public.pem",
  privateKey: "keys/audit-ed25519.pem",
} as const;

export interface BackupSource {
  engine: Engine;
  config: Config;
  /** The PostgreSQL schema in use when not the default one (only that schema is dumped). */
  pgSchema?: string;
  now?: () => Date;
  /** Also copy the private checkpoint-signing key (off: keep keys apart from backups). */
  includeKeys?: boolean;
}

/** The SQLite file of an install. */
export const sqliteFile = (config: Config) => path.join(config.dataDir, "rectify.db");

/**
 * SQLite's online backup API through a connection of its own. Each step after the first copies
 * every remaining page, so the copy is one consistent snapshot even while other connections keep
 * writing (a write between small steps would restart it, over and over under load).
 */
async function backupSqlite(config: Config, dest: string): Promise<SnapshotFacts> {
  const source = new Sqlite(sqliteFile(config), { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // The copy keeps the WAL flag of its source; a standalone file is simpler to move and hash.
  const copy = new Sqlite(dest);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  return sqliteFacts(dest);
}

/**
 * pg_dump (custom format) of an exported snapshot: the counts and chain head in the manifest are
 * read in the very snapshot that is dumped, however many writes go on meanwhile.
 */
async function backupPostgres(src: BackupSource, dest: string): Promise<SnapshotFacts> {
  const url = src.config.databaseUrl as string;
  const client = await openClient(url, src.pgSchema);
  try {
    const pgDump = await findPgTool("pg_dump", await serverMajor(client));
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const snapshot = (await client.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0].s;
    const facts = await postgresFacts(client);
    const { dbname, env } = toolConnection(url);
    await runTool(
      pgDump,
      [
        "--format=custom",
        `--snapshot=${snapshot}`,
        `--file=${dest}`,
        ...(src.pgSchema ? [`--schema=${src.pgSchema}`] : []),
        `--dbname=${dbname}`,
      ],
      env,
    );
    await client.query("COMMIT");
    return facts;
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup to `outDir` (which must not exist or be empty): the database, the uploaded
 * files, the signed audit checkpoints, the public checkpoint key and manifest.json. The work is
 * done in a sibling folder renamed into place at the end, so `outDir` is complete or absent.
 */
export async function createBackup(src: BackupSource, outDir: string): Promise<BackupManifest> {
  const out = path.resolve(outDir);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    throw new Error(`${out} is not empty: a backup goes into a new or empty folder`);
  }
  const work = `${out}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true, mode: 0o700 });
  try {
    const { config } = src;
    // Checkpoints first: each one names a chain position the database snapshot taken next contains.
    const checkpoints = completeLines(config.auditCheckpointFile);
    if (checkpoints) fs.writeFileSync(path.join(work, PART.checkpoints), checkpoints, { mode: 0o600 });
    if (fs.existsSync(config.auditKeyFile)) {
      const key = fs.readFileSync(config.auditKeyFile);
      const pub = createPublicKey(createPrivateKey(key)).export({ type: "spki", format: "pem" });
      fs.writeFileSync(path.join(work, PART.publicKey), pub, { mode: 0o600 });
      if (src.includeKeys) {
        fs.mkdirSync(path.join(work, path.dirname(PART.privateKey)), { mode: 0o700 });
        fs.writeFileSync(path.join(work, PART.privateKey), key, { mode: 0o600 });
      }
    }
    const facts =
      src.engine === "sqlite"
        ? await backupSqlite(config, path.join(work, PART.sqlite))
        : await backupPostgres(src, path.join(work, PART.postgres));
    // Files after the snapshot: every row in it was committed after its file was written.
    const uploads = copyTree(path.join(config.dataDir, PART.uploads), path.join(work, PART.uploads));
    const manifest = await writeManifest(work, {
      engine: src.engine,
      createdAt: (src.now ?? (() => new Date()))().toISOString(),
      schemaVersion: facts.migrations.at(-1) ?? "",
      migrations: facts.migrations,
      audit: { ...facts.audit, checkpoints: checkpoints.split("\n").filter((l) => l.trim()).length },
      counts: facts.counts,
      uploads,
      keysIncluded: Boolean(src.includeKeys && fs.existsSync(config.auditKeyFile)),
    });
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(work, out);
    return manifest;
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
}
