import { type Kysely, sql } from "kysely";
import { FROZEN_OFFICIAL_DAYS } from "./2026112806_calendar.days.ts";

/**
 * The working-day calendar (official years and their days, with the 2025 and 2026 schedules),
 * extension requests (延期申请), the light history (预警灯变化), and what the light rules need
 * on tasks and problems: the original deadline of a task, the day a problem was assigned, the
 * last progress report and the day an item was first warned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("calendar_years")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("calendar_days")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull().references("calendar_years.year"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("calendar_days_year_idx").on("calendar_days").column("year").execute();
  const now = new Date().toISOString();
  for (const { year, days } of FROZEN_OFFICIAL_DAYS) {
    await sql`INSERT INTO calendar_years (year, source, updated_by, updated_at) VALUES (${year}, 'official', NULL, ${now})`.execute(
      db,
    );
    for (const d of days) {
      await sql`INSERT INTO calendar_days (date, year, kind, name) VALUES (${d.date}, ${year}, ${d.kind}, ${d.name})`.execute(
        db,
      );
    }
  }
  await sql`INSERT INTO counters (key, value) VALUES ('calendar:version', 1)`.execute(db);

  await db.schema.alterTable("tasks").addColumn("original_deadline", "text").execute();
  await sql`UPDATE tasks SET original_deadline = deadline`.execute(db);
  for (const table of ["tasks", "problems"]) {
    await db.schema.alterTable(table).addColumn("last_report_on", "text").execute();
    await db.schema.alterTable(table).addColumn("warned_on", "text").execute();
  }
  await db.schema.alterTable("problems").addColumn("assigned_on", "text").execute();
  await sql`UPDATE problems SET assigned_on = substr(created_at, 1, 10) WHERE deadline IS NOT NULL`.execute(
    db,
  );
  await db.schema.createIndex("problems_light_idx").on("problems").columns(["light", "deadline"]).execute();

  await db.schema
    .createTable("extensions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("org_path", "text", (c) => c.notNull())
    .addColumn("assigner_path", "text", (c) => c.notNull())
    .addColumn("owner_path", "text", (c) => c.notNull())
    .addColumn("old_deadline", "text", (c) => c.notNull())
    .addColumn("new_deadline", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text")
    .addColumn("requested_by_name", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "text")
    .addColumn("comment", "text")
    .execute();
  // One open request per item, enforced by the database as well as by the command.
  await db.schema
    .createIndex("extensions_one_pending_idx")
    .on("extensions")
    .column("entity_id")
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("extensions_problem_idx")
    .on("extensions")
    .columns(["problem_id", "requested_at"])
    .execute();
  await db.schema
    .createIndex("extensions_pending_idx")
    .on("extensions")
    .columns(["status", "assigner_path"])
    .execute();

  await db.schema
    .createTable("light_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("problem_id", "text", (c) => c.notNull())
    .addColumn("from_light", "text", (c) => c.notNull())
    .addColumn("to_light", "text", (c) => c.notNull())
    .addColumn("reasons_json", "text", (c) => c.notNull())
    .addColumn("planned_progress", "integer", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("light_history_problem_idx")
    .on("light_history")
    .columns(["problem_id", "at"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
