import type { CreateSupervisionGroupInput } from "../../../contract/schemas/group.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { pickOrgs, pickPeople } from "../bodies/picks.ts";
import { authorize, invalid } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { groupPolicy } from "./group.policy.ts";
import { findGroupById, getGroupDetail, type LoadedGroup } from "./group.queries.ts";

const MANAGERS = ["coordinator", "supervisor"] as const;

function checkPeriod(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw invalid("period_invalid", "endsOn");
}

async function writeMembers(ctx: Ctx, groupId: string, leaderUserId: string, memberUserIds: string[]) {
  const ids = [leaderUserId, ...memberUserIds.filter((id) => id !== leaderUserId)];
  await pickPeople(ctx, [leaderUserId], () => "leaderUserId");
  await pickPeople(ctx, memberUserIds, (i) => `memberUserIds/${i}`);
  await ctx.db.deleteFrom("supervisionGroupMembers").where("groupId", "=", groupId).execute();
  await ctx.db
    .insertInto("supervisionGroupMembers")
    .values(
      [...new Set(ids)].map((userId) => ({ groupId, userId, isLeader: userId === leaderUserId ? 1 : 0 })),
    )
    .execute();
  return [...new Set(ids)];
}

async function writeContactPoints(ctx: Ctx, groupId: string, orgIds: string[], field: string) {
  const orgs = await pickOrgs(ctx, orgIds, (i) => `${field}/${i}`, MANAGERS);
  await ctx.db.deleteFrom("supervisionContactPoints").where("groupId", "=", groupId).execute();
  if (orgs.length > 0) {
    await ctx.db
      .insertInto("supervisionContactPoints")
      .values(orgs.map((o) => ({ groupId, orgId: o.id })))
      .execute();
  }
  return orgs.map((o) => o.id);
}

/** Sets up a supervision group (督导组) dispatched by an org within the actor's scope. */
export async function createSupervisionGroup(ctx: Ctx, input: CreateSupervisionGroupInput) {
  return inTx(ctx, async (ctx) => {
    const dispatch = await findOrgById(ctx, input.dispatchOrgId);
    authorize(
      groupPolicy.manage(ctx.actor, { dispatchPath: dispatch.path, memberIds: [], startsOn: "", endsOn: "" }),
    );
    if (dispatch.active !== 1) throw invalid("org_inactive", "dispatchOrgId");
    checkPeriod(input.startsOn, input.endsOn);
    await pickPeople(ctx, [input.leaderUserId], () => "leaderUserId");
    const id = newId();
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("supervisionGroups")
      .values({
        id,
        name: input.name.trim(),
        leaderUserId: input.leaderUserId,
        dispatchOrgId: dispatch.id,
        dispatchPath: dispatch.path,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        plan: input.plan,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const memberIds = await writeMembers(ctx, id, input.leaderUserId, input.memberUserIds ?? []);
    const contactPointIds = await writeContactPoints(
      ctx,
      id,
      input.contactPointOrgIds ?? [],
      "contactPointOrgIds",
    );
    await recordAudit(ctx, {
      type: "supervision_group.created",
      entityType: "supervision_group",
      entityId: id,
      scopePath: dispatch.path,
      data: {
        name: input.name,
        leaderUserId: input.leaderUserId,
        memberIds,
        contactPointIds,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
    });
    return getGroupDetail(ctx, id);
  });
}

async function managed(ctx: Ctx, groupId: string): Promise<LoadedGroup> {
  const g = await findGroupById(ctx, groupId);
  authorize(groupPolicy.manage(ctx.actor, g.ref));
  return g;
}

/** Changes a group's name, period or plan. */
export async function updateSupervisionGroup(
  ctx: Ctx,
  input: { groupId: string; name?: string; startsOn?: string; endsOn?: string; plan?: string },
) {
  return inTx(ctx, async (ctx) => {
    const g = await managed(ctx, input.groupId);
    const next = {
      name: input.name?.trim() ?? g.name,
      startsOn: input.startsOn ?? g.startsOn,
      endsOn: input.endsOn ?? g.endsOn,
      plan: input.plan ?? g.plan,
    };
    checkPeriod(next.startsOn, next.endsOn);
    await ctx.db
      .updateTable("supervisionGroups")
      .set({ ...next, updatedAt: iso(ctx.now()) })
      .where("id", "=", g.id)
      .execute();
    await recordAudit(ctx, {
      type: "supervision_group.updated",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: next,
    });
    return getGroupDetail(ctx, g.id);
  });
}

/** Replaces the group's leader (组长) and members; their derived scope follows at once. */
export async function setSupervisionGroupMembers(
  ctx: Ctx,
  input: { groupId: string; leaderUserId: string; memberUserIds: string[] },
) {
  return inTx(ctx, async (ctx) => {
    const g = await managed(ctx, input.groupId);
    const memberIds = await writeMembers(ctx, g.id, input.leaderUserId, input.memberUserIds);
    await ctx.db
      .updateTable("supervisionGroups")
      .set({ leaderUserId: input.leaderUserId, updatedAt: iso(ctx.now()) })
      .where("id", "=", g.id)
      .execute();
    await recordAudit(ctx, {
      type: "supervision_group.members_set",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: { leaderUserId: input.leaderUserId, memberIds, previous: g.ref.memberIds },
    });
    return getGroupDetail(ctx, g.id);
  });
}

/** Replaces the group's contact points (联系点), which define its members' supervisor scope. */
export async function setSupervisionContactPoints(ctx: Ctx, input: { groupId: string; orgIds: string[] }) {
  return inTx(ctx, async (ctx) => {
    const g = await managed(ctx, input.groupId);
    const contactPointIds = await writeContactPoints(ctx, g.id, input.orgIds, "orgIds");
    await ctx.db
      .updateTable("supervisionGroups")
      .set({ updatedAt: iso(ctx.now()) })
      .where("id", "=", g.id)
      .execute();
    await recordAudit(ctx, {
      type: "supervision_group.contact_points_set",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: { contactPointIds },
    });
    return getGroupDetail(ctx, g.id);
  });
}
