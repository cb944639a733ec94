import type { SourceRecordType } from "../../../contract/enums.ts";
import type { SourceLinkView } from "../../../contract/schemas/source.ts";
import type { Ctx } from "../../context.ts";
import { findGroupById } from "../groups/group.queries.ts";
import { findBodyById } from "../meetings/meeting.queries.ts";
import { researchPolicy } from "../research/research.policy.ts";

/** Records which record a problem came from (a research finding, a supervision finding, a meeting decision …). */
export async function linkProblemSource(
  ctx: Ctx,
  problemId: string,
  source: { type: SourceRecordType; id: string },
): Promise<void> {
  await ctx.db
    .updateTable("problems")
    .set({ sourceRecordType: source.type, sourceRecordId: source.id })
    .where("id", "=", problemId)
    .execute();
}

const readable = (check: Promise<unknown>) =>
  check.then(
    () => true,
    () => false,
  );

/**
 * The record a problem came from, for its detail page: what it says and where it sits. Anyone who
 * sees the problem sees this much; `readable` says whether they may open the record's own page.
 * Opinions, review opinions and instructions plug in here when their modules exist.
 */
export async function getProblemSource(
  ctx: Ctx,
  p: { sourceRecordType?: string | null; sourceRecordId?: string | null },
): Promise<SourceLinkView | null> {
  const id = p.sourceRecordId;
  if (!id) return null;
  if (p.sourceRecordType === "research_finding") {
    const f = await ctx.db
      .selectFrom("researchFindings")
      .innerJoin("researchVisits", "researchVisits.id", "researchFindings.visitId")
      .select([
        "researchFindings.text",
        "researchFindings.seqNo",
        "researchVisits.id as visitId",
        "researchVisits.topic",
        "researchVisits.leadName",
        "researchVisits.startsOn",
        "researchVisits.orgPath",
      ])
      .where("researchFindings.id", "=", id)
      .executeTakeFirst();
    if (!f) return null;
    return {
      type: "research_finding",
      id,
      parentId: f.visitId,
      title: `${f.topic}（${f.leadName}）`,
      text: `${f.seqNo}. ${f.text}`,
      date: f.startsOn,
      readable: researchPolicy.read(ctx.actor, f),
    };
  }
  if (p.sourceRecordType === "supervision_finding") {
    const f = await ctx.db
      .selectFrom("supervisionFindings")
      .innerJoin("supervisionGroups", "supervisionGroups.id", "supervisionFindings.groupId")
      .innerJoin("supervisionActivities", "supervisionActivities.id", "supervisionFindings.activityId")
      .select([
        "supervisionFindings.text",
        "supervisionFindings.seqNo",
        "supervisionGroups.id as groupId",
        "supervisionGroups.name",
        "supervisionActivities.heldOn",
      ])
      .where("supervisionFindings.id", "=", id)
      .executeTakeFirst();
    if (!f) return null;
    return {
      type: "supervision_finding",
      id,
      parentId: f.groupId,
      title: f.name,
      text: `${f.seqNo}. ${f.text}`,
      date: f.heldOn,
      readable: await readable(findGroupById(ctx, f.groupId)),
    };
  }
  if (p.sourceRecordType === "meeting_decision") {
    const d = await ctx.db
      .selectFrom("meetingDecisions")
      .innerJoin("meetingSessions", "meetingSessions.id", "meetingDecisions.sessionId")
      .innerJoin("jointMeetings", "jointMeetings.id", "meetingSessions.bodyId")
      .select([
        "meetingDecisions.text",
        "meetingDecisions.seqNo",
        "meetingSessions.id as sessionId",
        "meetingSessions.title",
        "meetingSessions.heldOn",
        "meetingSessions.minutesDocNumber",
        "jointMeetings.id as bodyId",
        "jointMeetings.name",
      ])
      .where("meetingDecisions.id", "=", id)
      .executeTakeFirst();
    if (!d) return null;
    return {
      type: "meeting_decision",
      id,
      parentId: d.sessionId,
      title: [d.name, d.title, d.minutesDocNumber].filter(Boolean).join(" · "),
      text: `${d.seqNo}. ${d.text}`,
      date: d.heldOn,
      readable: await readable(findBodyById(ctx, d.bodyId)),
    };
  }
  return null;
}
