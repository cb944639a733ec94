import path from "node:path";
import { sql } from "kysely";
import { createBackup } from "../backup/backup.create.ts";
import { backupName, backupsBeyond, pruneBackups } from "../backup/backup.retention.ts";
import type { Config } from "../config.ts";
import type { Ctx } from "../context.ts";

function backupDir(config: Config): string {
  if (!config.backupDir) throw new Error("BACKUP_DIR is not set: scheduled backups are off");
  return config.backupDir;
}

/** The schema in use on PostgreSQL when it is not the default one (only that one is dumped). */
async function pgSchemaOf(ctx: Ctx): Promise<string | undefined> {
  if (ctx.engine !== "postgres") return undefined;
  const r = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(ctx.db);
  return r.rows[0]?.s === "public" ? undefined : r.rows[0]?.s;
}

/** A backup into BACKUP_DIR every day (off unless BACKUP_DIR is set), keeping the newest BACKUP_KEEP. */
export const backupJob = {
  name: "backup",
  everyMs: 24 * 60 * 60_000,
  enabled: (config: Config) => config.backupDir !== null,
  run: async (ctx: Ctx) => {
    const dir = backupDir(ctx.config);
    const name = backupName(ctx.now());
    const manifest = await createBackup(
      { engine: ctx.engine, config: ctx.config, pgSchema: await pgSchemaOf(ctx), now: ctx.now },
      path.join(dir, name),
    );
    const removed = pruneBackups(dir, ctx.config.backupKeep);
    return { backup: name, events: manifest.audit.seq, uploads: manifest.uploads, removed };
  },
  dryRun: async (ctx: Ctx) => {
    const dir = backupDir(ctx.config);
    return {
      wouldWrite: path.join(dir, backupName(ctx.now())),
      wouldRemove: backupsBeyond(dir, ctx.config.backupKeep - 1),
    };
  },
};
