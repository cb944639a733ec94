import { type Kysely, sql } from "kysely";

/**
 * Where problems come from: a unit type on orgs (园区, 企业, 医院, 学校, 社区, 其他), the research
 * register (调研: sites, households, symposia, findings, suggestions, outcomes) and, on problems,
 * the record each one came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("orgs").addColumn("unit_type", "text").execute();

  await db.schema
    .createTable("research_visits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("org_path", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("lead_user_id", "text", (c) => c.references("users.id"))
    .addColumn("lead_name", "text", (c) => c.notNull())
    .addColumn("lead_title", "text")
    .addColumn("participants_json", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("methods_json", "text", (c) => c.notNull())
    .addColumn("households_visited", "integer", (c) => c.notNull())
    .addColumn("households_consoled", "integer", (c) => c.notNull())
    .addColumn("households_json", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("report_attachment_id", "text", (c) => c.references("attachments.id"))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("research_visits_org_idx").on("research_visits").column("org_path").execute();
  await db.schema
    .createIndex("research_visits_starts_idx")
    .on("research_visits")
    .column("starts_on")
    .execute();

  await db.schema
    .createTable("research_sites")
    .addColumn("visit_id", "text", (c) => c.notNull().references("research_visits.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("research_sites_pk", ["visit_id", "org_id"])
    .execute();

  await db.schema
    .createTable("research_symposia")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("visit_id", "text", (c) => c.notNull().references("research_visits.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("groups_json", "text", (c) => c.notNull())
    .addColumn("participant_count", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("research_symposia_visit_idx")
    .on("research_symposia")
    .column("visit_id")
    .execute();

  await db.schema
    .createTable("research_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("visit_id", "text", (c) => c.notNull().references("research_visits.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("problem_id", "text", (c) => c.references("problems.id"))
    .addColumn("fixed_on_the_spot", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("converted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("research_findings_visit_idx")
    .on("research_findings")
    .columns(["visit_id", "seq_no"])
    .execute();

  // A suggestion becomes an opinion (意见建议) in the opinions module: opinion_id is that seam.
  await db.schema
    .createTable("research_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("visit_id", "text", (c) => c.notNull().references("research_visits.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("opinion_id", "text")
    .execute();
  await db.schema
    .createIndex("research_suggestions_visit_idx")
    .on("research_suggestions")
    .column("visit_id")
    .execute();

  await db.schema
    .createTable("research_outcomes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("visit_id", "text", (c) => c.notNull().references("research_visits.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("doc_number", "text")
    .addColumn("record_type", "text")
    .addColumn("record_id", "text")
    .execute();
  await db.schema
    .createIndex("research_outcomes_visit_idx")
    .on("research_outcomes")
    .column("visit_id")
    .execute();

  await db.schema.alterTable("problems").addColumn("source_record_type", "text").execute();
  await db.schema.alterTable("problems").addColumn("source_record_id", "text").execute();
  // problems that supervision findings and meeting decisions already became
  await sql`UPDATE problems SET source_record_type = 'supervision_finding',
      source_record_id = (SELECT f.id FROM supervision_findings f WHERE f.problem_id = problems.id)
    WHERE EXISTS (SELECT 1 FROM supervision_findings f WHERE f.problem_id = problems.id)`.execute(db);
  await sql`UPDATE problems SET source_record_type = 'meeting_decision',
      source_record_id = (SELECT d.id FROM meeting_decisions d WHERE d.problem_id = problems.id AND d.task_id IS NULL)
    WHERE source_record_type IS NULL
      AND EXISTS (SELECT 1 FROM meeting_decisions d WHERE d.problem_id = problems.id AND d.task_id IS NULL)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("problems").dropColumn("source_record_id").execute();
  await db.schema.alterTable("problems").dropColumn("source_record_type").execute();
  for (const t of [
    "research_outcomes",
    "research_suggestions",
    "research_findings",
    "research_symposia",
    "research_sites",
    "research_visits",
  ])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable("orgs").dropColumn("unit_type").execute();
}
