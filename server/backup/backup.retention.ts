import fs from "node:fs";
import path from "node:path";
import { MANIFEST } from "./backup.manifest.ts";

const NAME = /^rectify-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

/** The folder name of a scheduled backup taken at `at`; names sort by time. */
export const backupName = (at: Date) => `rectify-${at.toISOString().replace(/[:.]/g, "-")}`;

/** The finished scheduled backups in `dir` (with a manifest), oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n) && fs.existsSync(path.join(dir, n, MANIFEST)))
    .sort();
}

/** The backups beyond the newest `keep`, which retention removes. */
export const backupsBeyond = (dir: string, keep: number): string[] =>
  listBackups(dir).slice(0, Math.max(0, listBackups(dir).length - keep));

/** Removes the finished backups beyond the newest `keep`; returns their names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = backupsBeyond(dir, keep);
  for (const n of old) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
  return old;
}
