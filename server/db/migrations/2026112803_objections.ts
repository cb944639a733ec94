import type { Kysely } from "kysely";

/** Objections (异议) lodged during a problem's public notice, each to be answered. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("contact", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("upheld", "integer")
    .addColumn("answered_by", "text")
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("objections_problem_idx")
    .on("objections")
    .columns(["problem_id", "round"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
