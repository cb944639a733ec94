import fs from "node:fs";
import path from "node:path";
import type { Engine } from "../db/connect.ts";
import { listFiles, sha256File } from "./backup.files.ts";

export const MANIFEST = "manifest.json";
export const FORMAT = "rectify-backup/1";

/** What a backup holds, written last: a folder without it is not a finished backup. */
export interface BackupManifest {
  format: typeof FORMAT;
  engine: Engine;
  createdAt: string;
  /** The last migration applied to the database in the backup. */
  schemaVersion: string;
  migrations: string[];
  /** The audit chain head inside the database copy, and how many signed checkpoints came with it. */
  audit: { seq: number; hash: string; checkpoints: number };
  /** Rows per table in the database copy. */
  counts: Record<string, number>;
  /** Uploaded evidence files in the backup. */
  uploads: number;
  /** Whether private keys were copied (`--include-keys`); otherwise only the public checkpoint key. */
  keysIncluded: boolean;
  /** Every other file of the backup with its size and SHA-256. */
  files: { path: string; size: number; sha256: string }[];
}

/** Lists and hashes every file of the backup folder, then writes manifest.json. */
export async function writeManifest(
  dir: string,
  fields: Omit<BackupManifest, "format" | "files">,
): Promise<BackupManifest> {
  const files: BackupManifest["files"] = [];
  for (const rel of listFiles(dir)) {
    if (rel === MANIFEST) continue;
    const full = path.join(dir, rel);
    files.push({ path: rel, size: fs.statSync(full).size, sha256: await sha256File(full) });
  }
  const manifest: BackupManifest = { format: FORMAT, ...fields, files };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Reads manifest.json; throws a plain message when it is missing or not a Rectify backup. */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a finished backup: ${MANIFEST} is missing`);
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  if (m.format !== FORMAT || !Array.isArray(m.files) || !m.audit || !m.counts || !m.engine) {
    throw new Error(`${file} is not a ${FORMAT} manifest`);
  }
  return m as BackupManifest;
}

/**
 * Compares the files under `dir` with the manifest's list (those under `prefix` only, when given):
 * each listed file must be there with its size and SHA-256, and no unlisted file may be there.
 * Returns one line per difference; empty means they match.
 */
export async function compareWithManifest(
  dir: string,
  manifest: BackupManifest,
  prefix = "",
): Promise<string[]> {
  const problems: string[] = [];
  const listed = manifest.files.filter((f) => f.path.startsWith(prefix));
  const present = new Set(listFiles(path.join(dir, prefix)).map((rel) => `${prefix}${rel}`));
  for (const f of listed) {
    const full = path.join(dir, f.path);
    if (!present.has(f.path)) {
      problems.push(`missing: ${f.path}`);
      continue;
    }
    present.delete(f.path);
    if (fs.statSync(full).size !== f.size || (await sha256File(full)) !== f.sha256) {
      problems.push(`changed: ${f.path} (SHA-256 differs from the manifest)`);
    }
  }
  for (const extra of present) if (extra !== MANIFEST) problems.push(`not in the manifest: ${extra}`);
  return problems;
}
