import path from "node:path";
import { type Config, loadConfig } from "../config.ts";
import { type Ctx, systemContext } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";

/** Opens the configured database (SQLite under DATA_DIR unless DATABASE_URL is set) and migrates it. */
export async function openDatabase(
  config: Config = loadConfig(),
): Promise<{ config: Config; database: Database }> {
  const database = connect({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, "rectify.db"),
  });
  await migrateToLatest(database);
  return { config, database };
}

/** Runs `fn` as the system with the configured database, closing it afterwards. */
export async function withSystem<T>(name: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { config, database } = await openDatabase();
  try {
    return await fn(systemContext({ db: database.db, engine: database.engine, config }, name));
  } finally {
    await database.close();
  }
}
