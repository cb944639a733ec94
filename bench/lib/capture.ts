import Sqlite from "better-sqlite3";
import { CamelCasePlugin, type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { loadConfig } from "../../server/config.ts";
import { type Ctx, systemContext, withActor } from "../../server/context.ts";
import type { DB } from "../../server/db/schema.ts";
import { loadActor } from "../../server/domain/auth/session.queries.ts";
import { productEnv } from "./process.ts";

export interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Runs product code as `username` over `dbFile` and returns the SQL it sent, compiled exactly as
 * the product compiles it (same Kysely, same CamelCasePlugin), so a baseline can replay it raw.
 * The work runs twice and the second run's SQL is returned: what a warm server sends on every
 * request (a ledger total, for one, is kept until the data changes).
 */
export async function captureQueries(
  dbFile: string,
  username: string,
  work: (ctx: Ctx) => Promise<unknown>,
): Promise<Captured[]> {
  const sqlite = new Sqlite(dbFile, { readonly: true });
  let log: Captured[] | null = null;
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
    log: (e) => {
      const q: CompiledQuery = e.query;
      log?.push({ sql: q.sql, parameters: q.parameters });
    },
  });
  try {
    const sys = systemContext({
      db,
      engine: "sqlite",
      config: loadConfig({ ...process.env, ...productEnv("/tmp") }),
    });
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    const ctx = withActor(sys, await loadActor(sys, user.id), null);
    await work(ctx);
    log = [];
    await work(ctx);
    return log;
  } finally {
    await db.destroy();
  }
}

/** The captured statements prepared on the baseline's connection; running them returns the first one's rows. */
export function replay(db: Sqlite.Database, captured: Captured[]) {
  const stmts = captured.map((c) => ({ stmt: db.prepare(c.sql), params: c.parameters as unknown[] }));
  return () => {
    const results = stmts.map(({ stmt, params }) => stmt.all(...params));
    return results[0] as Record<string, unknown>[];
  };
}
