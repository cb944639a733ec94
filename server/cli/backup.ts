import fs from "node:fs";
import path from "node:path";
import { createBackup, sqliteFile } from "../backup/backup.create.ts";
import { restoreBackup } from "../backup/backup.restore.ts";
import { loadConfig } from "../config.ts";
import type { Args } from "./args.ts";
import { openDatabase } from "./runtime.ts";

/** `rectify backup --out DIR [--include-keys]` */
export async function backup(args: Args): Promise<number> {
  const out = args.get("out");
  if (!out || out === "true") {
    console.error("usage: rectify backup --out DIR [--include-keys]");
    return 2;
  }
  const config = loadConfig();
  if (!config.databaseUrl && !fs.existsSync(sqliteFile(config))) {
    console.error(`rectify backup: no database at ${sqliteFile(config)} (check DATA_DIR)`);
    return 1;
  }
  const { database } = await openDatabase(config);
  try {
    const m = await createBackup(
      { engine: database.engine, config, pgSchema: database.pgSchema, includeKeys: args.has("include-keys") },
      out,
    );
    console.log(
      `backup written to ${path.resolve(out)}: ${m.engine} at ${m.schemaVersion}, ${m.audit.seq} audit events, ` +
        `${m.audit.checkpoints} checkpoint(s), ${m.uploads} uploaded file(s); ${m.files.length} files in manifest.json`,
    );
    if (!m.keysIncluded && fs.existsSync(config.auditKeyFile)) {
      console.log(
        `the audit signing key (${config.auditKeyFile}) is not in the backup: keep a copy of it apart (or use --include-keys)`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

/** `rectify restore DIR` */
export async function restore(args: Args): Promise<number> {
  const dir = args.positional[1];
  if (!dir) {
    console.error("usage: rectify restore DIR   (into an empty DATA_DIR, or an empty DATABASE_URL database)");
    return 2;
  }
  const config = loadConfig();
  const r = await restoreBackup(config, path.resolve(dir));
  console.log(
    `restored ${r.manifest.engine} backup of ${r.manifest.createdAt} (${r.manifest.schemaVersion}); ` +
      `every file matches manifest.json; ${r.uploads} uploaded file(s); ` +
      `audit chain ok: ${r.events} events, ${r.checkpoints} checkpoint(s) verified` +
      (r.verifiedWith === "no checkpoints" ? "" : ` with the ${r.verifiedWith}`),
  );
  if (r.verifiedWith === "backup public key") {
    console.log(
      `put the audit signing key back at ${config.auditKeyFile} before \`rectify audit verify\` or \`rectify audit checkpoint\``,
    );
  }
  return 0;
}
