import type { Kysely } from "kysely";

/** Traffic light (预警灯) and planned progress (序时进度) on every problem and task. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["problems", "tasks"]) {
    await db.schema
      .alterTable(table)
      .addColumn("light", "text", (c) => c.notNull().defaultTo("green"))
      .execute();
    await db.schema.alterTable(table).addColumn("light_reasons_json", "text").execute();
    await db.schema
      .alterTable(table)
      .addColumn("planned_progress", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable(table).addColumn("light_changed_at", "text").execute();
  }
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
