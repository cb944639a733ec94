import type { Kysely } from "kysely";

/**
 * Rate-limit counters shared by every instance (fixed windows keyed by bucket and key, plus a
 * progressive block for sign-in failures), and the fingerprint that folds duplicate objections.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("blocked_until", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["bucket", "key"])
    .execute();
  await db.schema.createIndex("rate_limits_updated_idx").on("rate_limits").column("updated_at").execute();
  // who (a keyed hash of the address) said what (a hash of the normalised text); old rows stay null
  await db.schema.alterTable("objections").addColumn("fingerprint", "text").execute();
  await db.schema
    .createIndex("objections_fingerprint_idx")
    .on("objections")
    .columns(["problem_id", "round", "fingerprint"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("objections_fingerprint_idx").execute();
  await db.schema.alterTable("objections").dropColumn("fingerprint").execute();
  await db.schema.dropTable("rate_limits").execute();
}
