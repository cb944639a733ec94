import type { Kysely } from "kysely";

/** The bodies around the loop: supervision groups (督导组) and joint meetings (联席会议). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("supervision_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("leader_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("dispatch_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("dispatch_path", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("supervision_groups_dispatch_idx")
    .on("supervision_groups")
    .column("dispatch_path")
    .execute();

  await db.schema
    .createTable("supervision_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("supervision_groups.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("is_leader", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("supervision_group_members_pk", ["group_id", "user_id"])
    .execute();
  // loadGrants looks memberships up by user on every request
  await db.schema
    .createIndex("supervision_group_members_user_idx")
    .on("supervision_group_members")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("supervision_contact_points")
    .addColumn("group_id", "text", (c) => c.notNull().references("supervision_groups.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addPrimaryKeyConstraint("supervision_contact_points_pk", ["group_id", "org_id"])
    .execute();

  await db.schema
    .createTable("supervision_activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("supervision_groups.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("place_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("participants_json", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("supervision_activities_group_idx")
    .on("supervision_activities")
    .columns(["group_id", "held_on"])
    .execute();

  await db.schema
    .createTable("supervision_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("supervision_groups.id"))
    .addColumn("activity_id", "text", (c) => c.notNull().references("supervision_activities.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("problem_id", "text", (c) => c.references("problems.id"))
    .addColumn("converted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("supervision_findings_group_idx")
    .on("supervision_findings")
    .columns(["group_id", "seq_no"])
    .execute();

  await db.schema
    .createTable("joint_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("lead_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("lead_path", "text", (c) => c.notNull())
    .addColumn("convener_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("deputy_user_id", "text", (c) => c.references("users.id"))
    .addColumn("duties", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("joint_meetings_lead_idx").on("joint_meetings").column("lead_path").execute();

  await db.schema
    .createTable("joint_meeting_members")
    .addColumn("body_id", "text", (c) => c.notNull().references("joint_meetings.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("org_path", "text", (c) => c.notNull())
    .addColumn("liaison_user_id", "text", (c) => c.references("users.id"))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("joint_meeting_members_pk", ["body_id", "org_id"])
    .execute();
  await db.schema
    .createIndex("joint_meeting_members_path_idx")
    .on("joint_meeting_members")
    .column("org_path")
    .execute();

  await db.schema
    .createTable("meeting_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("joint_meetings.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("minutes_text", "text")
    .addColumn("minutes_doc_number", "text")
    .addColumn("minutes_attachment_id", "text", (c) => c.references("attachments.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_sessions_body_idx")
    .on("meeting_sessions")
    .columns(["body_id", "held_on"])
    .execute();

  await db.schema
    .createTable("meeting_agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("meeting_sessions.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("problem_id", "text", (c) => c.references("problems.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_agenda_items_session_idx")
    .on("meeting_agenda_items")
    .columns(["session_id", "seq_no"])
    .execute();

  await db.schema
    .createTable("meeting_attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("meeting_sessions.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("present", "integer", (c) => c.notNull())
    .addColumn("attendees", "text", (c) => c.notNull())
    .addColumn("absence_reason", "text")
    .addPrimaryKeyConstraint("meeting_attendance_pk", ["session_id", "org_id"])
    .execute();

  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("meeting_sessions.id"))
    .addColumn("seq_no", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owner_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("deadline", "text")
    .addColumn("problem_id", "text", (c) => c.references("problems.id"))
    .addColumn("task_id", "text", (c) => c.references("tasks.id"))
    .addColumn("converted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_decisions_session_idx")
    .on("meeting_decisions")
    .columns(["session_id", "seq_no"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("not reversible");
}
