import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import { systemContext } from "../context.ts";
import { connect } from "../db/connect.ts";
import { MIGRATION_NAMES } from "../db/migrations/index.ts";
import { verifyAuditChain } from "../domain/audit/audit.verify.ts";
import { PART, sqliteFile } from "./backup.create.ts";
import { copyTree, isEmptyDir } from "./backup.files.ts";
import { type BackupManifest, compareWithManifest, readManifest } from "./backup.manifest.ts";
import { findPgTool, openClient, runTool, serverMajor, toolConnection } from "./backup.postgres.ts";
import { postgresFacts, type SnapshotFacts, sqliteFacts } from "./backup.snapshot.ts";

/** A restore refused or not verified; the message says why, for the operator. */
export class RestoreError extends Error {}

export interface RestoreReport {
  manifest: BackupManifest;
  events: number;
  checkpoints: number;
  uploads: number;
  /** Where the checkpoint signatures were checked with: the install's key or the backup's public key. */
  verifiedWith: "install key" | "backup public key" | "no checkpoints";
}

const publicPem = (keyPem: Buffer) =>
  createPublicKey(keyPem.includes("PUBLIC KEY") ? keyPem : createPrivateKey(keyPem))
    .export({ type: "spki", format: "pem" })
    .toString();

/** Everything that must hold before anything is written; throws a RestoreError naming the first. */
async function checkTarget(config: Config, dir: string, manifest: BackupManifest): Promise<void> {
  const engine = config.databaseUrl ? "postgres" : "sqlite";
  if (manifest.engine !== engine) {
    throw new RestoreError(
      `this backup holds a ${manifest.engine} database but the install is configured for ${engine}` +
        (manifest.engine === "postgres" ? " (set DATABASE_URL)" : " (unset DATABASE_URL)"),
    );
  }
  const unknown = manifest.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
  if (unknown.length > 0) {
    throw new RestoreError(
      `the backup was made by a newer version (migrations ${unknown.join(", ")}): restore it with that version`,
    );
  }
  const damaged = await compareWithManifest(dir, manifest);
  if (damaged.length > 0) {
    throw new RestoreError(`the backup does not match its manifest:\n  ${damaged.join("\n  ")}`);
  }
  if (!isEmptyDir(config.dataDir, [config.auditKeyFile])) {
    throw new RestoreError(
      `DATA_DIR ${config.dataDir} is not empty: restore into an empty data directory (only the audit key may be there)`,
    );
  }
  if (fs.existsSync(config.auditCheckpointFile) && fs.statSync(config.auditCheckpointFile).size > 0) {
    throw new RestoreError(
      `AUDIT_CHECKPOINT_FILE ${config.auditCheckpointFile} already holds checkpoints: move it away first`,
    );
  }
  const backupKey = path.join(dir, PART.publicKey);
  if (fs.existsSync(config.auditKeyFile) && fs.existsSync(backupKey)) {
    if (publicPem(fs.readFileSync(config.auditKeyFile)) !== fs.readFileSync(backupKey, "utf8")) {
      throw new RestoreError(
        `the key at AUDIT_KEY_FILE ${config.auditKeyFile} is not the one that signed this backup's checkpoints`,
      );
    }
  }
  if (engine === "postgres") {
    const client = await openClient(config.databaseUrl as string);
    try {
      const r = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
      );
      if (Number(r.rows[0].n) > 0) {
        throw new RestoreError(
          `the database ${new URL(config.databaseUrl as string).pathname.slice(1)} is not empty: restore into a new, empty database`,
        );
      }
    } finally {
      await client.end();
    }
  }
}

async function restoreDatabase(
  config: Config,
  dir: string,
  engine: string,
): Promise<{ facts: SnapshotFacts; pgSchema?: string }> {
  if (engine === "sqlite") {
    const target = sqliteFile(config);
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(dir, PART.sqlite), `${target}.restoring`, fs.constants.COPYFILE_EXCL);
    fs.renameSync(`${target}.restoring`, target);
    fs.chmodSync(target, 0o600);
    return { facts: sqliteFacts(target) };
  }
  const url = config.databaseUrl as string;
  const client = await openClient(url);
  try {
    const pgRestore = await findPgTool("pg_restore", await serverMajor(client));
    const { dbname, env } = toolConnection(url);
    await runTool(
      pgRestore,
      [
        "--exit-on-error",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        `--dbname=${dbname}`,
        path.join(dir, PART.postgres),
      ],
      env,
    );
    // A dump of one schema restores into that schema: read it where it landed.
    const schema = (
      await client.query<{ s: string }>(
        "SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'audit_head' LIMIT 1",
      )
    ).rows[0]?.s;
    if (schema) await client.query(`SET search_path TO "${schema.replaceAll('"', '""')}"`);
    return {
      facts: await postgresFacts(client),
      pgSchema: schema && schema !== "public" ? schema : undefined,
    };
  } finally {
    await client.end();
  }
}

function differences(manifest: BackupManifest, facts: SnapshotFacts): string[] {
  const out: string[] = [];
  if (facts.audit.seq !== manifest.audit.seq || facts.audit.hash !== manifest.audit.hash) {
    out.push(`audit head is seq ${facts.audit.seq}, the manifest says seq ${manifest.audit.seq}`);
  }
  for (const table of new Set([...Object.keys(manifest.counts), ...Object.keys(facts.counts)])) {
    if (manifest.counts[table] !== facts.counts[table]) {
      out.push(
        `table ${table}: ${facts.counts[table] ?? "missing"} rows, the manifest says ${manifest.counts[table] ?? "none"}`,
      );
    }
  }
  return out;
}

/**
 * Restores the backup in `dir` into the configured, empty install, then verifies it: every file
 * against the manifest, row counts and chain head against the manifest, and the whole audit chain
 * against the signed checkpoints. Throws a RestoreError on anything that does not match.
 */
export async function restoreBackup(config: Config, dir: string): Promise<RestoreReport> {
  const manifest = readManifest(dir);
  await checkTarget(config, dir, manifest);

  const { facts, pgSchema } = await restoreDatabase(config, dir, manifest.engine);
  const uploads = copyTree(path.join(dir, PART.uploads), path.join(config.dataDir, PART.uploads));
  const checkpoints = path.join(dir, PART.checkpoints);
  if (fs.existsSync(checkpoints)) {
    fs.mkdirSync(path.dirname(config.auditCheckpointFile), { recursive: true, mode: 0o700 });
    fs.copyFileSync(checkpoints, config.auditCheckpointFile);
    fs.chmodSync(config.auditCheckpointFile, 0o600);
  }
  if (manifest.keysIncluded && !fs.existsSync(config.auditKeyFile)) {
    fs.mkdirSync(path.dirname(config.auditKeyFile), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(dir, PART.privateKey), config.auditKeyFile, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(config.auditKeyFile, 0o600);
  }

  const problems = [
    ...differences(manifest, facts),
    ...(await compareWithManifest(config.dataDir, manifest, `${PART.uploads}/`)),
  ];
  const verifiedWith: RestoreReport["verifiedWith"] =
    manifest.audit.checkpoints === 0
      ? "no checkpoints"
      : fs.existsSync(config.auditKeyFile)
        ? "install key"
        : "backup public key";
  const keyFile = verifiedWith === "backup public key" ? path.join(dir, PART.publicKey) : config.auditKeyFile;
  const database = connect({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config), pgSchema });
  try {
    const ctx = systemContext(
      { db: database.db, engine: database.engine, config: { ...config, auditKeyFile: keyFile } },
      "restore",
    );
    const chain = await verifyAuditChain(ctx);
    if (!chain.ok) {
      problems.push(`audit chain broken at event seq ${chain.firstBad?.seq}: ${chain.firstBad?.reason}`);
    }
    if (problems.length > 0) {
      throw new RestoreError(
        `the restored data does NOT verify; do not start Rectify on it:\n  ${problems.join("\n  ")}`,
      );
    }
    return { manifest, events: chain.count, checkpoints: chain.checkpoints, uploads, verifiedWith };
  } finally {
    await database.close();
  }
}
