import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * Subtree ranges and the problem visibility index.
 *
 * Scoped lists test "path starts with the root" as a range (`path >= root AND path < upper`),
 * which an index answers on both engines. On PostgreSQL the range must compare bytes, not the
 * database's locale, so every path column becomes `COLLATE "C"` (its indexes are rebuilt with it).
 *
 * `problem_scopes` holds one row per problem and org path it is visible through: the registering
 * office, the lead unit, the co-operating units and every task unit. The commands that set those
 * orgs keep it in step in their transaction; here it is filled for the problems that exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  if (pg) {
    const cols = await sql<{ tableName: string; columnName: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type = 'text'
        AND (column_name = 'path' OR column_name LIKE '%\\_path' ESCAPE '\\')
      ORDER BY table_name, column_name`.execute(db);
    // rows come back through CamelCasePlugin
    for (const c of cols.rows) {
      await sql`ALTER TABLE ${sql.table(c.tableName)} ALTER COLUMN ${sql.ref(c.columnName)} TYPE text COLLATE "C"`.execute(
        db,
      );
    }
  }
  await db.schema
    .createTable("problem_scopes")
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("path", "text", (c) => (pg ? c.notNull().modifyFront(sql`COLLATE "C"`) : c.notNull()))
    .addPrimaryKeyConstraint("problem_scopes_pk", ["path", "problem_id"])
    .execute();
  await db.schema
    .createIndex("problem_scopes_problem_idx")
    .on("problem_scopes")
    .columns(["problem_id", "path"])
    .execute();
  await sql`
    INSERT INTO problem_scopes (problem_id, path)
    SELECT id, owner_path FROM problems
    UNION SELECT id, lead_path FROM problems WHERE lead_path IS NOT NULL
    UNION SELECT problem_id, org_path FROM tasks
    UNION SELECT c.problem_id, o.path FROM problem_co_orgs c JOIN orgs o ON o.id = c.org_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("problem_scopes").execute();
}
