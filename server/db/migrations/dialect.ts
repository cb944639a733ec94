import { type Kysely, sql } from "kysely";

/** True on PostgreSQL (migrations branch on the dialect only for triggers, extensions and search). */
export async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`SELECT version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}
