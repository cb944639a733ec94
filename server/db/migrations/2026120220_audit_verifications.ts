import type { Kysely } from "kysely";

/**
 * Full walks of the audit chain run as a job; each run keeps its progress and its outcome here, so
 * the audit page can show the last full result without walking the chain inside a request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_verifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("target_seq", "integer", (c) => c.notNull())
    .addColumn("checked_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_bad_seq", "integer")
    .addColumn("first_bad_reason", "text")
    .addColumn("checkpoints", "integer")
    .addColumn("last_checkpoint_seq", "integer")
    .addColumn("error", "text")
    .execute();
  await db.schema
    .createIndex("audit_verifications_started_idx")
    .on("audit_verifications")
    .column("started_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_verifications").execute();
}
