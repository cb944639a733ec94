import { recordSupervisionActivity } from "../domain/groups/activity.commands.ts";
import { createSupervisionGroup } from "../domain/groups/group.commands.ts";
import { createJointMeeting } from "../domain/meetings/meeting.commands.ts";
import { createMeetingSession, recordDecision } from "../domain/meetings/session.commands.ts";
import type { TestDb } from "./support.ts";

/**
 * A supervision group dispatched by `dispatch` with `contactPoint` as its contact point, active
 * around the test clock's date, holding one activity with one finding.
 */
export async function buildGroup(
  t: TestDb,
  opts: { dispatch: string; contactPoint: string; memberIds?: string[] },
) {
  const leader = await t.build.user({ roles: [["supervisor", opts.dispatch]] });
  const group = await createSupervisionGroup(t.sys, {
    name: "督导组",
    dispatchOrgId: t.org(opts.dispatch).id,
    leaderUserId: leader.id,
    memberUserIds: opts.memberIds ?? [],
    contactPointOrgIds: [t.org(opts.contactPoint).id],
    startsOn: "2026-11-01",
    endsOn: "2026-12-31",
    plan: "督导方案",
  });
  const withActivity = await recordSupervisionActivity(t.sys, {
    groupId: group.id,
    kind: "site_visit",
    heldOn: "2026-11-20",
    place: "现场",
    participants: ["督导组"],
    findings: [{ text: "发现的问题" }],
  });
  const activity = withActivity.activities[0];
  return { id: group.id, leaderId: leader.id, activityId: activity.id, findingId: activity.findings[0].id };
}

/** A joint meeting led by `lead` with `member` as member unit, one session and one open decision. */
export async function buildBody(t: TestDb, opts: { lead: string; member: string }) {
  const convener = await t.build.user({ roles: [["coordinator", opts.lead]] });
  const body = await createJointMeeting(t.sys, {
    name: "联席会议",
    leadOrgId: t.org(opts.lead).id,
    convenerUserId: convener.id,
    members: [{ orgId: t.org(opts.member).id }],
  });
  const session = await createMeetingSession(t.sys, {
    bodyId: body.id,
    kind: "plenary",
    title: "全体会议",
    heldOn: "2026-11-20",
    place: "会议室",
  });
  const withDecision = await recordDecision(t.sys, { sessionId: session.id, text: "议定事项" });
  return { id: body.id, sessionId: session.id, decisionId: withDecision.decisions[0].id };
}
