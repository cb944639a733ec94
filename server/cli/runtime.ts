import path from "node:path";
import { type Config, loadConfig } from "../config.ts";
import { type Ctx, systemContext } from "../context.ts";
import { connect, type Database } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrations/index.ts";
import { sealStoredSecrets } from "../domain/secrets/secrets.commands.ts";

/**
 * Opens the configured database (SQLite under DATA_DIR unless DATABASE_URL is set), migrates it,
 * then seals any secret still stored in clear (the step a migration cannot do: the key lives
 * outside the database).
 */
export async function openDatabase(
  config: Config = loadConfig(),
): Promise<{ config: Config; database: Database }> {
  const database = connect({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, "rectify.db"),
  });
  await migrateToLatest(database);
  try {
    await sealStoredSecrets(systemContext({ db: database.db, engine: database.engine, config }, "secrets"));
  } catch (e) {
    await database.close();
    throw e;
  }
  return { config, database };
}

/**
 * The database requests use: on PostgreSQL a pool of its own whose connections carry
 * `statement_timeout` (`DB_STATEMENT_TIMEOUT_MS`), so no request holds a connection for long while
 * jobs (on `database`) may run longer. SQLite cannot stop a statement: requests share `database`,
 * and the heavy work (the audit chain walk) runs in jobs instead.
 */
export function openRequestDatabase(config: Config, database: Database): Database {
  if (database.engine !== "postgres" || !config.databaseUrl || config.dbStatementTimeoutMs === 0)
    return database;
  return connect({
    databaseUrl: config.databaseUrl,
    pgSchema: database.pgSchema,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
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
