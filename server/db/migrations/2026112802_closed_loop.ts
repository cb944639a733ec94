import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/** Campaigns, problems, measures, tasks, progress reports, attachments and public-review ballots. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("owner_path", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("settings_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("campaign_categories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("portrait_template_json", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("categories_campaign_idx")
    .on("campaign_categories")
    .column("campaign_id")
    .execute();

  await db.schema
    .createTable("problems")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
    .addColumn("category_id", "text", (c) => c.references("campaign_categories.id"))
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_ref", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("portrait_json", "text", (c) => c.notNull())
    .addColumn("rectify_type", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("acceptance_standard", "text", (c) => c.notNull())
    .addColumn("responsible_leader", "text")
    .addColumn("responsible_person", "text")
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("owner_path", "text", (c) => c.notNull())
    .addColumn("lead_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("lead_path", "text")
    .addColumn("original_deadline", "text")
    .addColumn("deadline", "text")
    .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("closure_kind", "text")
    .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("closeout_summary", "text")
    .addColumn("closeout_requested_at", "text")
    .addColumn("closeout_evidence_json", "text")
    .addColumn("review_json", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_round", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("public_review_ends_at", "text")
    .addColumn("satisfaction_json", "text")
    .addColumn("closed_at", "text")
    .addColumn("closure_reason", "text")
    .addColumn("followup_due", "text")
    .addColumn("followup_result", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("problems_status_deadline_idx")
    .on("problems")
    .columns(["status", "deadline"])
    .execute();
  await db.schema
    .createIndex("problems_lead_path_idx")
    .on("problems")
    .columns(["lead_path", "deadline"])
    .execute();
  await db.schema.createIndex("problems_owner_path_idx").on("problems").column("owner_path").execute();
  await db.schema
    .createIndex("problems_campaign_idx")
    .on("problems")
    .columns(["campaign_id", "status"])
    .execute();

  await db.schema
    .createTable("problem_co_orgs")
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addPrimaryKeyConstraint("problem_co_orgs_pk", ["problem_id", "org_id"])
    .execute();

  await db.schema
    .createTable("measures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("lead_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("measures_problem_idx")
    .on("measures")
    .columns(["problem_id", "seq_no"])
    .execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id"))
    .addColumn("parent_task_id", "text", (c) => c.references("tasks.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("org_path", "text", (c) => c.notNull())
    .addColumn("assigner_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("acknowledged_at", "text")
    .addColumn("completed_at", "text")
    .addColumn("accepted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tasks_org_path_idx").on("tasks").columns(["org_path", "status"]).execute();
  await db.schema.createIndex("tasks_measure_idx").on("tasks").column("measure_id").execute();
  await db.schema.createIndex("tasks_parent_idx").on("tasks").column("parent_task_id").execute();
  await db.schema.createIndex("tasks_problem_idx").on("tasks").column("problem_id").execute();

  await db.schema
    .createTable("progress_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("percent", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reports_task_idx")
    .on("progress_reports")
    .columns(["task_id", "created_at"])
    .execute();
  await db.schema.createIndex("reports_problem_idx").on("progress_reports").column("problem_id").execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("owner_path", "text", (c) => c.notNull())
    .addColumn("problem_id", "text", (c) => c.references("problems.id"))
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("attachments_entity_idx")
    .on("attachments")
    .columns(["entity_type", "entity_id"])
    .execute();

  await db.schema
    .createTable("ballot_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ballot_tokens_problem_idx")
    .on("ballot_tokens")
    .columns(["problem_id", "round"])
    .execute();

  await db.schema
    .createTable("ballots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("problem_id", "text", (c) => c.notNull().references("problems.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("token_id", "text", (c) => c.notNull().unique().references("ballot_tokens.id"))
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ballots_problem_idx").on("ballots").columns(["problem_id", "round"]).execute();

  if (await isPostgres(db)) {
    // The extension lives in public so that dropping a test schema never drops it for others.
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
    await sql`CREATE INDEX problems_search_trgm ON problems
      USING gin ((code || ' ' || title || ' ' || description) public.gin_trgm_ops)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE problems_fts USING fts5(
      code, title, description, content='problems', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`CREATE TRIGGER problems_fts_insert AFTER INSERT ON problems BEGIN
      INSERT INTO problems_fts(rowid, code, title, description) VALUES (new.rowid, new.code, new.title, new.description);
    END`.execute(db);
    await sql`CREATE TRIGGER problems_fts_update AFTER UPDATE OF code, title, description ON problems BEGIN
      INSERT INTO problems_fts(problems_fts, rowid, code, title, description)
        VALUES ('delete', old.rowid, old.code, old.title, old.description);
      INSERT INTO problems_fts(rowid, code, title, description) VALUES (new.rowid, new.code, new.title, new.description);
    END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
