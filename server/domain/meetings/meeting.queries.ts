import type { AgendaOrigin, MeetingSessionKind, ProblemStatus, TaskStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { JointMeetingsTable, MeetingSessionsTable } from "../../db/schema.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { authorize, notFound } from "../errors.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { type BodyRef, meetingAbilities, meetingPolicy } from "./meeting.policy.ts";

export type LoadedBody = JointMeetingsTable & { ref: BodyRef };
export type LoadedSession = MeetingSessionsTable & { body: LoadedBody };

/** A joint-meeting body the actor may see, with its policy view; 404 otherwise. */
export async function findBodyById(ctx: Ctx, id: string): Promise<LoadedBody> {
  let q = ctx.db.selectFrom("jointMeetings").selectAll().where("id", "=", id);
  if (ctx.inTransaction && ctx.engine === "postgres") q = q.forUpdate();
  const body = await q.executeTakeFirst();
  if (!body) throw notFound();
  const members = await ctx.db
    .selectFrom("jointMeetingMembers")
    .select(["orgPath", "liaisonUserId"])
    .where("bodyId", "=", id)
    .execute();
  const ref: BodyRef = {
    leadPath: body.leadPath,
    memberPaths: members.map((m) => m.orgPath),
    peopleIds: [
      body.convenerUserId,
      ...(body.deputyUserId ? [body.deputyUserId] : []),
      ...members.flatMap((m) => (m.liaisonUserId ? [m.liaisonUserId] : [])),
    ],
  };
  if (!meetingPolicy.read(ctx.actor, ref)) throw notFound();
  return { ...body, ref };
}

/** A session of a body the actor may see; 404 otherwise. */
export async function findSessionById(ctx: Ctx, id: string): Promise<LoadedSession> {
  const session = await ctx.db
    .selectFrom("meetingSessions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!session) throw notFound();
  return { ...session, body: await findBodyById(ctx, session.bodyId) };
}

/** Bodies the actor may see: over the lead org or a member unit, or as one of its people. */
export async function listBodies(ctx: Ctx) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const userId = ctx.actor.userId ?? "-";
  const rows = await ctx.db
    .selectFrom("jointMeetings")
    .innerJoin("orgs", "orgs.id", "jointMeetings.leadOrgId")
    .innerJoin("users", "users.id", "jointMeetings.convenerUserId")
    .selectAll("jointMeetings")
    .select(["orgs.name as orgName", "users.displayName as convenerName"])
    .select((eb) => [
      eb
        .selectFrom("jointMeetingMembers")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("jointMeetingMembers.bodyId", "=", "jointMeetings.id")
        .as("memberCount"),
      eb
        .selectFrom("meetingSessions")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("meetingSessions.bodyId", "=", "jointMeetings.id")
        .as("sessionCount"),
      eb
        .selectFrom("meetingSessions")
        .select((e) => e.fn.max("meetingSessions.heldOn").as("d"))
        .whereRef("meetingSessions.bodyId", "=", "jointMeetings.id")
        .as("lastSessionOn"),
    ])
    .where((eb) =>
      eb.or([
        scopePredicate("joint_meetings.lead_path", ctx.actor, LEDGER_ROLES),
        eb.exists(
          eb
            .selectFrom("jointMeetingMembers as m")
            .select("m.orgId")
            .whereRef("m.bodyId", "=", "jointMeetings.id")
            .where((eb2) =>
              eb2.or([
                scopePredicate("m.org_path", ctx.actor, LEDGER_ROLES),
                eb2("m.liaisonUserId", "=", userId),
              ]),
            ),
        ),
        eb("jointMeetings.convenerUserId", "=", userId),
        eb("jointMeetings.deputyUserId", "=", userId),
      ]),
    )
    .orderBy("jointMeetings.name")
    .orderBy("jointMeetings.id")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    orgId: r.leadOrgId,
    orgName: r.orgName,
    convenerName: r.convenerName,
    memberCount: Number(r.memberCount ?? 0),
    sessionCount: Number(r.sessionCount ?? 0),
    lastSessionOn: (r.lastSessionOn as string | null) ?? null,
  }));
}

async function sessionsOf(ctx: Ctx, bodyId: string) {
  const rows = await ctx.db
    .selectFrom("meetingSessions")
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom("meetingDecisions")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("meetingDecisions.sessionId", "=", "meetingSessions.id")
        .as("decisionCount"),
    )
    .where("bodyId", "=", bodyId)
    .orderBy("heldOn", "desc")
    .orderBy("seqNo", "desc")
    .execute();
  return rows.map((s) => ({
    id: s.id,
    seqNo: s.seqNo,
    kind: s.kind as MeetingSessionKind,
    title: s.title,
    heldOn: s.heldOn,
    place: s.place,
    decisionCount: Number(s.decisionCount ?? 0),
    minutesDocNumber: s.minutesDocNumber,
  }));
}

async function membersOf(ctx: Ctx, bodyId: string) {
  return ctx.db
    .selectFrom("jointMeetingMembers")
    .innerJoin("orgs", "orgs.id", "jointMeetingMembers.orgId")
    .leftJoin("users", "users.id", "jointMeetingMembers.liaisonUserId")
    .select([
      "jointMeetingMembers.orgId",
      "jointMeetingMembers.orgPath",
      "orgs.name as orgName",
      "jointMeetingMembers.liaisonUserId",
      "users.displayName as liaisonName",
    ])
    .where("jointMeetingMembers.bodyId", "=", bodyId)
    .orderBy("jointMeetingMembers.sortOrder")
    .execute();
}

/** The body page: convener, deputy, member units with liaison officers, sessions, abilities. */
export async function getBodyDetail(ctx: Ctx, id: string) {
  const b = await findBodyById(ctx, id);
  const people = [b.convenerUserId, ...(b.deputyUserId ? [b.deputyUserId] : [])];
  const [org, users, members, sessions] = await Promise.all([
    ctx.db.selectFrom("orgs").select("name").where("id", "=", b.leadOrgId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom("users").select(["id", "displayName as name"]).where("id", "in", people).execute(),
    membersOf(ctx, id),
    sessionsOf(ctx, id),
  ]);
  const person = (uid: string) => ({ id: uid, name: users.find((u) => u.id === uid)?.name ?? "" });
  return {
    id: b.id,
    name: b.name,
    orgId: b.leadOrgId,
    orgName: org.name,
    leadOrgId: b.leadOrgId,
    duties: b.duties,
    convenerName: person(b.convenerUserId).name,
    convener: person(b.convenerUserId),
    deputy: b.deputyUserId ? person(b.deputyUserId) : null,
    members: members.map((m) => ({
      orgId: m.orgId,
      orgName: m.orgName,
      liaisonUserId: m.liaisonUserId,
      liaisonName: m.liaisonName ?? null,
    })),
    memberCount: members.length,
    sessionCount: sessions.length,
    lastSessionOn: sessions[0]?.heldOn ?? null,
    sessions,
    abilities: meetingAbilities(ctx.actor, b.ref),
  };
}

/** The decisions of a session and what became of each: the linked problem's or task's status, progress and light. */
export async function loadDecisions(ctx: Ctx, sessionId: string) {
  const rows = await ctx.db
    .selectFrom("meetingDecisions")
    .leftJoin("orgs as owner", "owner.id", "meetingDecisions.ownerOrgId")
    .leftJoin("problems", "problems.id", "meetingDecisions.problemId")
    .leftJoin("tasks", "tasks.id", "meetingDecisions.taskId")
    .leftJoin("orgs as unit", "unit.id", "tasks.orgId")
    .leftJoin("orgs as lead", "lead.id", "problems.leadOrgId")
    .selectAll("meetingDecisions")
    .select([
      "owner.name as ownerOrgName",
      "problems.code as problemCode",
      "problems.status as problemStatus",
      "problems.progress as problemProgress",
      "problems.light as problemLight",
      "problems.deadline as problemDeadline",
      "lead.name as leadOrgName",
      "tasks.status as taskStatus",
      "tasks.progress as taskProgress",
      "tasks.light as taskLight",
      "tasks.deadline as taskDeadline",
      "unit.name as taskOrgName",
    ])
    .where("meetingDecisions.sessionId", "=", sessionId)
    .orderBy("meetingDecisions.seqNo")
    .execute();
  return rows.map((d) => ({
    id: d.id,
    seqNo: d.seqNo,
    text: d.text,
    ownerOrgId: d.ownerOrgId,
    ownerOrgName: d.ownerOrgName ?? null,
    deadline: d.deadline,
    convertedAt: d.convertedAt,
    outcome:
      d.problemId && d.problemCode
        ? d.taskId
          ? {
              kind: "task" as const,
              problemId: d.problemId,
              problemCode: d.problemCode,
              status: d.problemStatus as ProblemStatus,
              taskId: d.taskId,
              taskStatus: (d.taskStatus ?? null) as TaskStatus | null,
              orgName: d.taskOrgName ?? null,
              deadline: d.taskDeadline ?? null,
              progress: Number(d.taskProgress ?? 0),
              light: d.taskLight ?? "green",
            }
          : {
              kind: "problem" as const,
              problemId: d.problemId,
              problemCode: d.problemCode,
              status: d.problemStatus as ProblemStatus,
              taskId: null,
              taskStatus: null,
              orgName: d.leadOrgName ?? null,
              deadline: d.problemDeadline ?? null,
              progress: Number(d.problemProgress ?? 0),
              light: d.problemLight ?? "green",
            }
        : null,
  }));
}

/** The session page: agenda, attendance of every member unit, minutes, decisions with their outcome. */
export async function getSessionDetail(ctx: Ctx, id: string) {
  const s = await findSessionById(ctx, id);
  const [members, attendance, agenda, decisions, attachment] = await Promise.all([
    membersOf(ctx, s.bodyId),
    ctx.db.selectFrom("meetingAttendance").selectAll().where("sessionId", "=", id).execute(),
    ctx.db
      .selectFrom("meetingAgendaItems")
      .leftJoin("problems", "problems.id", "meetingAgendaItems.problemId")
      .selectAll("meetingAgendaItems")
      .select([
        "problems.code as problemCode",
        "problems.status as problemStatus",
        "problems.progress as problemProgress",
        "problems.light as problemLight",
      ])
      .where("meetingAgendaItems.sessionId", "=", id)
      .orderBy("meetingAgendaItems.seqNo")
      .execute(),
    loadDecisions(ctx, id),
    s.minutesAttachmentId
      ? ctx.db
          .selectFrom("attachments")
          .select(["id", "originalName as name"])
          .where("id", "=", s.minutesAttachmentId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  // every member unit has a line, recorded or not; units that left the body keep theirs
  const orgIds = [...new Set([...members.map((m) => m.orgId), ...attendance.map((a) => a.orgId)])];
  const formerNames = await ctx.db
    .selectFrom("orgs")
    .select(["id", "name"])
    .where("id", "in", orgIds.length ? orgIds : ["-"])
    .execute();
  return {
    id: s.id,
    seqNo: s.seqNo,
    kind: s.kind as MeetingSessionKind,
    title: s.title,
    heldOn: s.heldOn,
    place: s.place,
    decisionCount: decisions.length,
    minutesDocNumber: s.minutesDocNumber,
    bodyId: s.bodyId,
    bodyName: s.body.name,
    minutes: { text: s.minutesText, docNumber: s.minutesDocNumber, attachment: attachment ?? null },
    agenda: agenda.map((a) => ({
      id: a.id,
      seqNo: a.seqNo,
      title: a.title,
      origin: a.origin as AgendaOrigin,
      problem:
        a.problemId && a.problemCode
          ? {
              id: a.problemId,
              code: a.problemCode,
              status: a.problemStatus as ProblemStatus,
              progress: Number(a.problemProgress ?? 0),
              light: a.problemLight ?? "green",
            }
          : null,
    })),
    attendance: orgIds.map((orgId) => {
      const m = members.find((x) => x.orgId === orgId);
      const a = attendance.find((x) => x.orgId === orgId);
      return {
        orgId,
        orgName: m?.orgName ?? formerNames.find((o) => o.id === orgId)?.name ?? "",
        liaisonName: m?.liaisonName ?? null,
        present: a ? a.present === 1 : null,
        attendees: a?.attendees ?? "",
        absenceReason: a?.absenceReason ?? null,
      };
    }),
    decisions,
    abilities: meetingAbilities(ctx.actor, s.body.ref),
  };
}

/** The session held before this one by the same body, and what became of its decisions. */
export async function getPreviousDecisions(ctx: Ctx, sessionId: string) {
  const s = await findSessionById(ctx, sessionId);
  const prev = await ctx.db
    .selectFrom("meetingSessions")
    .select(["id", "seqNo", "title", "heldOn"])
    .where("bodyId", "=", s.bodyId)
    .where((eb) =>
      eb.or([eb("heldOn", "<", s.heldOn), eb.and([eb("heldOn", "=", s.heldOn), eb("seqNo", "<", s.seqNo)])]),
    )
    .orderBy("heldOn", "desc")
    .orderBy("seqNo", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!prev) return { session: null, decisions: [] };
  return { session: prev, decisions: await loadDecisions(ctx, prev.id) };
}
