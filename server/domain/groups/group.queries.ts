import type { SupervisionActivityKind } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { SupervisionGroupsTable } from "../../db/schema.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { authorize, notFound } from "../errors.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { type GroupRef, groupAbilities, groupPolicy, isGroupActive } from "./group.policy.ts";
import { reportFigures } from "./report.figures.ts";

export type LoadedGroup = SupervisionGroupsTable & { ref: GroupRef };

/** A supervision group the actor may see, with its policy view; 404 otherwise. */
export async function findGroupById(ctx: Ctx, id: string): Promise<LoadedGroup> {
  let q = ctx.db.selectFrom("supervisionGroups").selectAll().where("id", "=", id);
  if (ctx.inTransaction && ctx.engine === "postgres") q = q.forUpdate();
  const group = await q.executeTakeFirst();
  if (!group) throw notFound();
  const members = await ctx.db
    .selectFrom("supervisionGroupMembers")
    .select("userId")
    .where("groupId", "=", id)
    .execute();
  const ref: GroupRef = {
    dispatchPath: group.dispatchPath,
    memberIds: members.map((m) => m.userId),
    startsOn: group.startsOn,
    endsOn: group.endsOn,
  };
  if (!groupPolicy.read(ctx.actor, ref)) throw notFound();
  return { ...group, ref };
}

/** Supervision groups the actor may see: over the dispatching org, or as a member. */
export async function listGroups(ctx: Ctx) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const userId = ctx.actor.userId ?? "-";
  const rows = await ctx.db
    .selectFrom("supervisionGroups")
    .innerJoin("orgs", "orgs.id", "supervisionGroups.dispatchOrgId")
    .innerJoin("users", "users.id", "supervisionGroups.leaderUserId")
    .selectAll("supervisionGroups")
    .select(["orgs.name as orgName", "users.displayName as leaderName"])
    .select((eb) => [
      eb
        .selectFrom("supervisionActivities")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("supervisionActivities.groupId", "=", "supervisionGroups.id")
        .as("activityCount"),
      eb
        .selectFrom("supervisionFindings")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("supervisionFindings.groupId", "=", "supervisionGroups.id")
        .as("findingCount"),
    ])
    .where((eb) =>
      eb.or([
        scopePredicate("supervision_groups.dispatch_path", ctx.actor, LEDGER_ROLES),
        eb.exists(
          eb
            .selectFrom("supervisionGroupMembers")
            .select("supervisionGroupMembers.userId")
            .whereRef("supervisionGroupMembers.groupId", "=", "supervisionGroups.id")
            .where("supervisionGroupMembers.userId", "=", userId),
        ),
      ]),
    )
    .orderBy("supervisionGroups.startsOn", "desc")
    .orderBy("supervisionGroups.id")
    .limit(500)
    .execute();
  const points = await contactPointsOf(
    ctx,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate(ctx.now());
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    orgId: r.dispatchOrgId,
    orgName: r.orgName,
    leaderName: r.leaderName,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    active: isGroupActive(r, today),
    contactPoints: points.filter((p) => p.groupId === r.id).map(({ id, name }) => ({ id, name })),
    activityCount: Number(r.activityCount ?? 0),
    findingCount: Number(r.findingCount ?? 0),
  }));
}

async function contactPointsOf(ctx: Ctx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return ctx.db
    .selectFrom("supervisionContactPoints")
    .innerJoin("orgs", "orgs.id", "supervisionContactPoints.orgId")
    .select(["supervisionContactPoints.groupId", "orgs.id", "orgs.name", "orgs.path"])
    .where("supervisionContactPoints.groupId", "in", groupIds)
    .orderBy("orgs.sortKey")
    .execute();
}

/** The activities of a group with their findings, and what each finding became. */
export async function loadActivities(ctx: Ctx, groupId: string) {
  const [activities, findings] = await Promise.all([
    ctx.db
      .selectFrom("supervisionActivities")
      .leftJoin("orgs", "orgs.id", "supervisionActivities.placeOrgId")
      .selectAll("supervisionActivities")
      .select("orgs.name as placeOrgName")
      .where("supervisionActivities.groupId", "=", groupId)
      .orderBy("supervisionActivities.heldOn")
      .orderBy("supervisionActivities.id")
      .execute(),
    ctx.db
      .selectFrom("supervisionFindings")
      .leftJoin("orgs", "orgs.id", "supervisionFindings.orgId")
      .leftJoin("problems", "problems.id", "supervisionFindings.problemId")
      .selectAll("supervisionFindings")
      .select([
        "orgs.name as orgName",
        "problems.code as problemCode",
        "problems.status as problemStatus",
        "problems.progress as problemProgress",
        "problems.light as problemLight",
      ])
      .where("supervisionFindings.groupId", "=", groupId)
      .orderBy("supervisionFindings.seqNo")
      .execute(),
  ]);
  return activities.map((a) => ({
    id: a.id,
    kind: a.kind as SupervisionActivityKind,
    heldOn: a.heldOn,
    place: a.place,
    placeOrgId: a.placeOrgId,
    placeOrgName: a.placeOrgName ?? null,
    participants: JSON.parse(a.participantsJson) as string[],
    summary: a.summary,
    findings: findings
      .filter((f) => f.activityId === a.id)
      .map((f) => ({
        id: f.id,
        seqNo: f.seqNo,
        activityId: f.activityId,
        text: f.text,
        orgId: f.orgId,
        orgName: f.orgName ?? null,
        convertedAt: f.convertedAt,
        problem:
          f.problemId && f.problemCode
            ? {
                id: f.problemId,
                code: f.problemCode,
                status: f.problemStatus as never,
                progress: Number(f.problemProgress ?? 0),
                light: f.problemLight ?? "green",
              }
            : null,
      })),
  }));
}

export type ActivityView = Awaited<ReturnType<typeof loadActivities>>[number];

/** The group page: members, contact points, activities with findings, figures and abilities. */
export async function getGroupDetail(ctx: Ctx, id: string) {
  const g = await findGroupById(ctx, id);
  const [org, members, points, activities] = await Promise.all([
    ctx.db.selectFrom("orgs").select("name").where("id", "=", g.dispatchOrgId).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom("supervisionGroupMembers")
      .innerJoin("users", "users.id", "supervisionGroupMembers.userId")
      .innerJoin("orgs", "orgs.id", "users.orgId")
      .select([
        "users.id",
        "users.displayName as name",
        "orgs.name as orgName",
        "supervisionGroupMembers.isLeader",
      ])
      .where("supervisionGroupMembers.groupId", "=", id)
      .orderBy("supervisionGroupMembers.isLeader", "desc")
      .orderBy("users.displayName")
      .execute(),
    contactPointsOf(ctx, [id]),
    loadActivities(ctx, id),
  ]);
  const today = shanghaiDate(ctx.now());
  const leader = members.find((m) => m.id === g.leaderUserId) ?? {
    id: g.leaderUserId,
    name: "",
    orgName: "",
  };
  return {
    id: g.id,
    name: g.name,
    orgId: g.dispatchOrgId,
    orgName: org.name,
    dispatchOrgId: g.dispatchOrgId,
    leaderName: leader.name,
    leader: { id: leader.id, name: leader.name, orgName: leader.orgName },
    startsOn: g.startsOn,
    endsOn: g.endsOn,
    plan: g.plan,
    active: isGroupActive(g, today),
    contactPoints: points.map(({ id, name }) => ({ id, name })),
    members: members.map((m) => ({ id: m.id, name: m.name, orgName: m.orgName, isLeader: m.isLeader === 1 })),
    activityCount: activities.length,
    findingCount: activities.reduce((n, a) => n + a.findings.length, 0),
    activities,
    figures: reportFigures(activities),
    abilities: groupAbilities(ctx.actor, g.ref, today),
  };
}

/** What the group report (督导报告) is written from: the group, its activities and findings, and the figures. */
export async function getGroupReportData(ctx: Ctx, id: string) {
  const detail = await getGroupDetail(ctx, id);
  return { ...detail, today: shanghaiDate(ctx.now()) };
}
export type GroupReportData = Awaited<ReturnType<typeof getGroupReportData>>;
