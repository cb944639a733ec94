import type { CreateJointMeetingInput } from "../../../contract/schemas/meeting.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { pickOrgs, pickPeople } from "../bodies/picks.ts";
import { authorize, invalid } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { meetingPolicy } from "./meeting.policy.ts";
import { findBodyById, getBodyDetail } from "./meeting.queries.ts";

type MemberInput = { orgId: string; liaisonUserId?: string };

async function writeMembers(ctx: Ctx, bodyId: string, members: MemberInput[]) {
  const orgs = await pickOrgs(
    ctx,
    members.map((m) => m.orgId),
    (i) => `members/${i}/orgId`,
  );
  for (const [i, m] of members.entries()) {
    if (m.liaisonUserId) await pickPeople(ctx, [m.liaisonUserId], () => `members/${i}/liaisonUserId`);
  }
  await ctx.db.deleteFrom("jointMeetingMembers").where("bodyId", "=", bodyId).execute();
  if (orgs.length > 0) {
    await ctx.db
      .insertInto("jointMeetingMembers")
      .values(
        orgs.map((o, i) => ({
          bodyId,
          orgId: o.id,
          orgPath: o.path,
          liaisonUserId: members.find((m) => m.orgId === o.id)?.liaisonUserId ?? null,
          sortOrder: i + 1,
        })),
      )
      .execute();
  }
  return orgs.map((o) => ({
    orgId: o.id,
    liaisonUserId: members.find((m) => m.orgId === o.id)?.liaisonUserId ?? null,
  }));
}

/** Sets up a joint meeting (联席会议) led by an org within a coordinator's scope. */
export async function createJointMeeting(ctx: Ctx, input: CreateJointMeetingInput) {
  return inTx(ctx, async (ctx) => {
    const lead = await findOrgById(ctx, input.leadOrgId);
    authorize(hasRole(ctx.actor, "coordinator", lead.path));
    if (lead.active !== 1) throw invalid("org_inactive", "leadOrgId");
    await pickPeople(ctx, [input.convenerUserId], () => "convenerUserId");
    if (input.deputyUserId) await pickPeople(ctx, [input.deputyUserId], () => "deputyUserId");
    const id = newId();
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("jointMeetings")
      .values({
        id,
        name: input.name.trim(),
        leadOrgId: lead.id,
        leadPath: lead.path,
        convenerUserId: input.convenerUserId,
        deputyUserId: input.deputyUserId ?? null,
        duties: input.duties ?? "",
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const members = await writeMembers(ctx, id, input.members);
    await recordAudit(ctx, {
      type: "joint_meeting.created",
      entityType: "joint_meeting",
      entityId: id,
      scopePath: lead.path,
      data: {
        name: input.name,
        convenerUserId: input.convenerUserId,
        deputyUserId: input.deputyUserId ?? null,
        members,
      },
    });
    return getBodyDetail(ctx, id);
  });
}

/** Replaces the member units (成员单位) and their liaison officers (联络员). */
export async function setJointMeetingMembers(ctx: Ctx, input: { bodyId: string; members: MemberInput[] }) {
  return inTx(ctx, async (ctx) => {
    const body = await findBodyById(ctx, input.bodyId);
    authorize(meetingPolicy.manage(ctx.actor, body.ref));
    const members = await writeMembers(ctx, body.id, input.members);
    await ctx.db
      .updateTable("jointMeetings")
      .set({ updatedAt: iso(ctx.now()) })
      .where("id", "=", body.id)
      .execute();
    await recordAudit(ctx, {
      type: "joint_meeting.members_set",
      entityType: "joint_meeting",
      entityId: body.id,
      scopePath: body.leadPath,
      data: { members },
    });
    return getBodyDetail(ctx, body.id);
  });
}
