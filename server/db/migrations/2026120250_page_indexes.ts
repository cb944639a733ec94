import type { Kysely } from "kysely";

// Indexes that let the default pages read a page in order and stop, instead of sorting the
// whole ledger: the 任务清单 and the 工作台's task to-dos walk tasks by deadline (optionally of
// one status), the 问题台账's default order is by deadline then code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("tasks_deadline_idx").on("tasks").columns(["deadline", "id"]).execute();
  await db.schema
    .createIndex("tasks_status_deadline_idx")
    .on("tasks")
    .columns(["status", "deadline", "id"])
    .execute();
  await db.schema.createIndex("problems_deadline_idx").on("problems").columns(["deadline", "code"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("problems_deadline_idx").execute();
  await db.schema.dropIndex("tasks_status_deadline_idx").execute();
  await db.schema.dropIndex("tasks_deadline_idx").execute();
}
