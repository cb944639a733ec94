import fs from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from "kysely";
import pg from "pg";
import type { DB } from "./schema.ts";

export type Engine = "sqlite" | "postgres";
export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  engine: Engine;
  /** Describes where the data lives, for logs (never the password). */
  describe: string;
  /** The PostgreSQL schema in use when not the default one. */
  pgSchema?: string;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; every count here fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
  databaseUrl?: string | null;
  /** SQLite file, or ":memory:". */
  sqliteFile?: string;
  /** PostgreSQL schema to use as search_path (tests isolate themselves this way). */
  pgSchema?: string;
  poolSize?: number;
  /**
   * PostgreSQL `statement_timeout` in ms for every connection of this pool (the pool that serves
   * requests sets it; jobs and the CLI use a pool without). SQLite cannot interrupt a statement.
   */
  statementTimeoutMs?: number;
}

/**
 * SQLite transactions begin IMMEDIATE: a transaction takes the write lock when it starts, so a
 * second process writing the same file (a worker or the CLI next to `serve`) waits for
 * `busy_timeout` instead of failing when a reader upgrades to a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #settings: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#settings = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#settings);
  }
}

/**
 * better-sqlite3 with its prepared statements kept by SQL text (least recently used out past
 * `max`): Kysely prepares every query afresh, and compiling the statement is a large part of a
 * small query's cost. The driver runs one statement at a time, so reuse is safe.
 */
export function cachedStatements(sqlite: Sqlite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Opens SQLite (default) or PostgreSQL when a postgres:// URL is given. */
export function connect(opts: ConnectOptions): Database {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // Setting options here overrides libpq's PGOPTIONS, which pg otherwise honours: keep both.
      options:
        [
          process.env.PGOPTIONS,
          opts.pgSchema && `-c search_path=${opts.pgSchema}`,
          opts.statementTimeoutMs && `-c statement_timeout=${Math.floor(opts.statementTimeoutMs)}`,
        ]
          .filter(Boolean)
          .join(" ") || undefined,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    const url = new URL(opts.databaseUrl);
    return {
      db,
      engine: "postgres",
      pgSchema: opts.pgSchema,
      describe: `postgres://${url.host}${url.pathname}${opts.pgSchema ? ` (schema ${opts.pgSchema})` : ""}`,
      close: () => db.destroy(),
    };
  }
  const file = opts.sqliteFile ?? ":memory:";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Sqlite(file);
  // WAL for concurrent readers; FULL so an acknowledged write survives power loss, not only a crash.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: cachedStatements(sqlite) }),
    plugins,
  });
  return { db, engine: "sqlite", describe: `sqlite:${file}`, close: () => db.destroy() };
}
