import { type Kysely, sql } from "kysely";

/**
 * Statistics: the indexes that let period figures read a range instead of the whole ledger, and
 * `problem_returns`, one row per return of an item (退回重办, failed public review, relapse) with
 * its time, so returns can be counted and listed by period. Returns that happened before this
 * migration are read back from the audit trail, where each carries its action.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("problems_created_idx").on("problems").column("created_at").execute();
  await db.schema.createIndex("problems_closed_idx").on("problems").column("closed_at").execute();
  await db.schema
    .createTable("problem_returns")
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("returned_at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("problem_returns_at_idx")
    .on("problem_returns")
    .columns(["returned_at", "problem_id"])
    .execute();
  await db.schema
    .createIndex("problem_returns_problem_idx")
    .on("problem_returns")
    .columns(["problem_id", "returned_at"])
    .execute();
  for (const action of ["reject", "publicFail", "followUpRelapse"]) {
    await sql`
      INSERT INTO problem_returns (problem_id, returned_at, action)
      SELECT entity_id, at, ${action} FROM audit_events
      WHERE entity_type = 'problem' AND data_json LIKE ${`%"action":"${action}"%`}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("problem_returns").execute();
  await db.schema.dropIndex("problems_closed_idx").execute();
  await db.schema.dropIndex("problems_created_idx").execute();
}
