import type { Kysely } from "kysely";

/**
 * The escalation ladder (DOMAIN.md §2.5): reminders and urgings, numbered supervision notices,
 * listed supervision, interviews, circulars, accountability referrals and escalation proposals.
 * `trigger_key` columns make the automatic rules idempotent; `open_key` columns hold "one item,
 * one open record" as a unique index, so two racing writers cannot both succeed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("urgings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("task_id", "text", (c) => c.references("tasks.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("org_path", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("rule", "text")
    .addColumn("trigger_key", "text", (c) => c.unique())
    .addColumn("created_by", "text")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("urgings_problem_idx")
    .on("urgings")
    .columns(["problem_id", "created_at"])
    .execute();

  await db.schema
    .createTable("supervision_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("doc_number", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("issuer_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("issuer_path", "text", (c) => c.notNull())
    .addColumn("addressee_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("addressee_path", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("requirements", "text", (c) => c.notNull())
    .addColumn("response_due", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("open_key", "text", (c) => c.unique())
    .addColumn("trigger_key", "text", (c) => c.unique())
    .addColumn("response_text", "text")
    .addColumn("response_attachments_json", "text")
    .addColumn("responded_by", "text")
    .addColumn("responded_by_name", "text")
    .addColumn("responded_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("closed_by_name", "text")
    .addColumn("closed_at", "text")
    .addColumn("close_note", "text")
    .addColumn("issued_by", "text")
    .addColumn("issued_by_name", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addUniqueConstraint("notices_number_uq", ["issuer_org_id", "year", "seq"])
    .execute();
  await db.schema
    .createIndex("notices_problem_idx")
    .on("supervision_notices")
    .columns(["problem_id", "issued_at"])
    .execute();
  await db.schema
    .createIndex("notices_addressee_idx")
    .on("supervision_notices")
    .columns(["addressee_path", "status"])
    .execute();

  await db.schema
    .createTable("listings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("open_key", "text", (c) => c.unique())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("listed_by", "text")
    .addColumn("listed_by_name", "text", (c) => c.notNull())
    .addColumn("listed_at", "text", (c) => c.notNull())
    .addColumn("delist_reason", "text")
    .addColumn("delist_requested_by", "text")
    .addColumn("delist_requested_by_name", "text")
    .addColumn("delist_requested_at", "text")
    .addColumn("verify_note", "text")
    .addColumn("verified_by", "text")
    .addColumn("verified_by_name", "text")
    .addColumn("delisted_at", "text")
    .execute();
  await db.schema.createIndex("listings_problem_idx").on("listings").column("problem_id").execute();

  await db.schema
    .createTable("interviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("held_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("interviewer", "text", (c) => c.notNull())
    .addColumn("interviewee", "text", (c) => c.notNull())
    .addColumn("interviewee_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("commitments_json", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("interviews_problem_idx").on("interviews").column("problem_id").execute();

  await db.schema
    .createTable("circulars")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("doc_number", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("tone", "text", (c) => c.notNull())
    .addColumn("issuer_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("issuer_path", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("circulars_issuer_idx").on("circulars").column("issuer_path").execute();
  await db.schema
    .createTable("circular_items")
    .addColumn("circular_id", "text", (c) => c.notNull().references("circulars.id"))
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addPrimaryKeyConstraint("circular_items_pk", ["circular_id", "problem_id"])
    .execute();

  await db.schema
    .createTable("accountability_referrals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("subject_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("subject_person", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("referred_to", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("referrals_problem_idx")
    .on("accountability_referrals")
    .column("problem_id")
    .execute();

  await db.schema
    .createTable("escalation_proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("addressee_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("addressee_path", "text", (c) => c.notNull())
    .addColumn("trigger_key", "text", (c) => c.unique())
    .addColumn("decided_by", "text")
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("proposals_status_idx")
    .on("escalation_proposals")
    .columns(["status", "addressee_path"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
