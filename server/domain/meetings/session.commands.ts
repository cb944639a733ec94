import type { AgendaOrigin, MeetingSessionKind } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { type AuditDataWithout, type AuditInput, recordAudit } from "../audit/audit.commands.ts";
import { pickOrgs } from "../bodies/picks.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { meetingPolicy } from "./meeting.policy.ts";
import { findBodyById, findSessionById, getSessionDetail, type LoadedSession } from "./meeting.queries.ts";

async function managedSession(ctx: Ctx, sessionId: string): Promise<LoadedSession> {
  const s = await findSessionById(ctx, sessionId);
  authorize(meetingPolicy.manage(ctx.actor, s.body.ref));
  // one writer per session at a time on PostgreSQL (numbering, attendance upserts)
  if (ctx.engine === "postgres")
    await ctx.db.selectFrom("meetingSessions").select("id").where("id", "=", s.id).forUpdate().execute();
  return s;
}

type SessionEventType =
  | "meeting_session.agenda_item_added"
  | "meeting_session.attendance_recorded"
  | "meeting_session.minutes_recorded";

const audit = <T extends SessionEventType>(
  ctx: Ctx,
  s: LoadedSession,
  type: T,
  data: AuditDataWithout<T, "sessionId">,
) => {
  const input = {
    type,
    entityType: "joint_meeting",
    entityId: s.bodyId,
    scopePath: s.body.leadPath,
    data: { sessionId: s.id, ...data },
  };
  return recordAudit(ctx, input as unknown as AuditInput<T>);
};

async function nextSeq(ctx: Ctx, table: "meetingAgendaItems" | "meetingDecisions", sessionId: string) {
  const last = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.max("seqNo").as("n"))
    .where("sessionId", "=", sessionId)
    .executeTakeFirst();
  return Number(last?.n ?? 0) + 1;
}

/** Schedules a session (全体会议, 专题会议 or 联络员会议) of the body. */
export async function createMeetingSession(
  ctx: Ctx,
  input: { bodyId: string; kind: MeetingSessionKind; title: string; heldOn: string; place: string },
) {
  return inTx(ctx, async (ctx) => {
    const body = await findBodyById(ctx, input.bodyId);
    authorize(meetingPolicy.manage(ctx.actor, body.ref));
    const last = await ctx.db
      .selectFrom("meetingSessions")
      .select((eb) => eb.fn.max("seqNo").as("n"))
      .where("bodyId", "=", body.id)
      .executeTakeFirst();
    const id = newId();
    const now = iso(ctx.now());
    const seqNo = Number(last?.n ?? 0) + 1;
    await ctx.db
      .insertInto("meetingSessions")
      .values({
        id,
        bodyId: body.id,
        seqNo,
        kind: input.kind,
        title: input.title.trim(),
        heldOn: input.heldOn,
        place: input.place.trim(),
        minutesText: null,
        minutesDocNumber: null,
        minutesAttachmentId: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAudit(ctx, {
      type: "meeting_session.created",
      entityType: "joint_meeting",
      entityId: body.id,
      scopePath: body.leadPath,
      data: { sessionId: id, seqNo, kind: input.kind, title: input.title, heldOn: input.heldOn },
    });
    return getSessionDetail(ctx, id);
  });
}

/** Puts an item (议题) on the agenda: free text, or a problem (one click from the proposals). */
export async function addAgendaItem(
  ctx: Ctx,
  input: { sessionId: string; title?: string; problemId?: string; origin?: AgendaOrigin },
) {
  return inTx(ctx, async (ctx) => {
    const s = await managedSession(ctx, input.sessionId);
    let title = input.title?.trim() ?? "";
    let problemId: string | null = null;
    if (input.problemId) {
      const p = await findProblemById(ctx, input.problemId).catch(() => {
        throw invalid("not_found", "problemId");
      });
      const dup = await ctx.db
        .selectFrom("meetingAgendaItems")
        .select("id")
        .where("sessionId", "=", s.id)
        .where("problemId", "=", p.id)
        .executeTakeFirst();
      if (dup) throw new DomainError("agenda_item_duplicate", {}, [{ field: "problemId", code: "invalid" }]);
      problemId = p.id;
      title ||= `${p.code} ${p.title}`;
    }
    if (!title) throw new DomainError("validation_failed", {}, [{ field: "title", code: "required" }]);
    const origin = problemId ? (input.origin ?? "manual") : "manual";
    const id = newId();
    const seqNo = await nextSeq(ctx, "meetingAgendaItems", s.id);
    await ctx.db
      .insertInto("meetingAgendaItems")
      .values({
        id,
        sessionId: s.id,
        seqNo,
        title: title.slice(0, 500),
        origin,
        problemId,
        createdAt: iso(ctx.now()),
      })
      .execute();
    await audit(ctx, s, "meeting_session.agenda_item_added", { itemId: id, seqNo, title, origin, problemId });
    return getSessionDetail(ctx, s.id);
  });
}

/** Records who attended (units and people present; absent units with the reason). */
export async function recordAttendance(
  ctx: Ctx,
  input: {
    sessionId: string;
    entries: { orgId: string; present: boolean; attendees?: string; absenceReason?: string }[];
  },
) {
  return inTx(ctx, async (ctx) => {
    const s = await managedSession(ctx, input.sessionId);
    const members = await ctx.db
      .selectFrom("jointMeetingMembers")
      .select("orgId")
      .where("bodyId", "=", s.bodyId)
      .execute();
    const memberIds = new Set(members.map((m) => m.orgId));
    const seen = new Set<string>();
    for (const [i, e] of input.entries.entries()) {
      if (!memberIds.has(e.orgId) || seen.has(e.orgId))
        throw new DomainError("org_not_member", {}, [{ field: `entries/${i}/orgId`, code: "invalid" }]);
      seen.add(e.orgId);
      if (!e.present && !e.absenceReason?.trim())
        throw new DomainError("reason_required", {}, [
          { field: `entries/${i}/absenceReason`, code: "required" },
        ]);
    }
    if (input.entries.length > 0) {
      await ctx.db
        .deleteFrom("meetingAttendance")
        .where("sessionId", "=", s.id)
        .where(
          "orgId",
          "in",
          input.entries.map((e) => e.orgId),
        )
        .execute();
      await ctx.db
        .insertInto("meetingAttendance")
        .values(
          input.entries.map((e) => ({
            sessionId: s.id,
            orgId: e.orgId,
            present: e.present ? 1 : 0,
            attendees: e.attendees?.trim() ?? "",
            absenceReason: e.present ? null : (e.absenceReason?.trim() ?? null),
          })),
        )
        .execute();
    }
    await audit(ctx, s, "meeting_session.attendance_recorded", {
      present: input.entries.filter((e) => e.present).map((e) => e.orgId),
      absent: input.entries
        .filter((e) => !e.present)
        .map((e) => ({ orgId: e.orgId, reason: e.absenceReason })),
    });
    return getSessionDetail(ctx, s.id);
  });
}

/** Records the minutes (纪要): text, its document number (文号) and optionally the signed file. */
export async function recordMinutes(
  ctx: Ctx,
  input: { sessionId: string; text: string; docNumber?: string; attachmentId?: string },
) {
  return inTx(ctx, async (ctx) => {
    const s = await managedSession(ctx, input.sessionId);
    let attachmentId: string | null = s.minutesAttachmentId;
    if (input.attachmentId && input.attachmentId !== s.minutesAttachmentId) {
      const a = await ctx.db
        .selectFrom("attachments")
        .select(["id", "entityType", "uploadedBy"])
        .where("id", "=", input.attachmentId)
        .executeTakeFirst();
      if (!a || a.entityType !== null || a.uploadedBy !== ctx.actor.userId)
        throw invalid("attachment_unusable", "attachmentId");
      await ctx.db
        .updateTable("attachments")
        .set({ entityType: "meeting_minutes", entityId: s.id })
        .where("id", "=", a.id)
        .execute();
      attachmentId = a.id;
    }
    await ctx.db
      .updateTable("meetingSessions")
      .set({
        minutesText: input.text,
        minutesDocNumber: input.docNumber?.trim() || null,
        minutesAttachmentId: attachmentId,
        updatedAt: iso(ctx.now()),
      })
      .where("id", "=", s.id)
      .execute();
    await audit(ctx, s, "meeting_session.minutes_recorded", {
      docNumber: input.docNumber ?? null,
      attachmentId,
      length: [...input.text].length,
    });
    return getSessionDetail(ctx, s.id);
  });
}

/** Records a decision (议定事项), optionally with its owner unit and deadline. */
export async function recordDecision(
  ctx: Ctx,
  input: { sessionId: string; text: string; ownerOrgId?: string; deadline?: string },
) {
  return inTx(ctx, async (ctx) => {
    const s = await managedSession(ctx, input.sessionId);
    const [owner] = input.ownerOrgId
      ? await pickOrgs(ctx, [input.ownerOrgId], () => "ownerOrgId", ["coordinator"])
      : [null];
    const id = newId();
    const seqNo = await nextSeq(ctx, "meetingDecisions", s.id);
    await ctx.db
      .insertInto("meetingDecisions")
      .values({
        id,
        sessionId: s.id,
        seqNo,
        text: input.text.trim(),
        ownerOrgId: owner?.id ?? null,
        deadline: input.deadline ?? null,
        problemId: null,
        taskId: null,
        convertedAt: null,
        createdAt: iso(ctx.now()),
      })
      .execute();
    await recordAudit(ctx, {
      type: "meeting_decision.recorded",
      entityType: "joint_meeting",
      entityId: s.bodyId,
      scopePath: s.body.leadPath,
      data: {
        sessionId: s.id,
        decisionId: id,
        seqNo,
        text: input.text,
        ownerOrgId: owner?.id ?? null,
        deadline: input.deadline ?? null,
      },
    });
    return getSessionDetail(ctx, s.id);
  });
}
