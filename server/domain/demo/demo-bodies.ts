import { type Ctx, withActor } from "../../context.ts";
import { loadActor } from "../auth/session.queries.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { convertFindingToProblem, recordSupervisionActivity } from "../groups/activity.commands.ts";
import { createSupervisionGroup } from "../groups/group.commands.ts";
import { convertDecisionToProblem, convertDecisionToTask } from "../meetings/decision.commands.ts";
import { createJointMeeting } from "../meetings/meeting.commands.ts";
import {
  addAgendaItem,
  createMeetingSession,
  recordAttendance,
  recordDecision,
  recordMinutes,
} from "../meetings/session.commands.ts";

const day = (now: Date, days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));

/**
 * The demo's bodies around the loop: a supervision group dispatched by the regional office with
 * 南宁市 as its contact point (activities, findings, one turned into a problem), and a joint
 * meeting whose past session's decisions became a problem and a task, with the next session set.
 */
export async function seedDemoBodies(
  ctx: Ctx,
  orgIdOf: (code: string) => string,
  userIdOf: (name: string) => string,
  campaignId: string,
) {
  const as = async (name: string) => withActor(ctx, await loadActor(ctx, userIdOf(name)));
  const zgb = await as("zgb");
  const ddz = await as("ddz");
  const now = ctx.now();
  const office = await ctx.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "=", "自治区整改办")
    .executeTakeFirst();
  const officeId = office?.id ?? orgIdOf("450000");

  let group = await createSupervisionGroup(ddz, {
    name: "自治区第一督导组",
    dispatchOrgId: officeId,
    leaderUserId: userIdOf("ddz"),
    contactPointOrgIds: [orgIdOf("450100")],
    startsOn: day(now, -20),
    endsOn: day(now, 70),
    plan: "采取听取汇报、查阅资料、个别谈话、实地查看、暗访等方式，重点督导软弱涣散村党组织整顿、村级集体经济发展和党员教育管理情况。",
  });
  const activities = [
    {
      kind: "briefing" as const,
      at: -15,
      place: "南宁市委会议室",
      org: "450100",
      participants: ["督导组全体成员", "南宁市委组织部"],
      findings: ["整改台账与实际进度不一致，部分措施已逾期未更新"],
    },
    {
      kind: "site_visit" as const,
      at: -10,
      place: "兴宁区五塘镇",
      org: "450102",
      participants: ["黄组长", "兴宁区委组织部"],
      findings: ["村级活动场所长期闲置，制度未上墙", "村集体经济合作社账目不清"],
    },
    {
      kind: "symposium" as const,
      at: -7,
      place: "青秀区南阳镇",
      org: "450103",
      participants: ["村党组织书记代表 8 人", "驻村第一书记代表 4 人"],
      findings: ["流动党员组织关系长期不转接"],
    },
    {
      kind: "unannounced_visit" as const,
      at: -3,
      place: "兴宁区三塘镇",
      org: "450102",
      participants: ["督导组成员 2 人"],
      findings: [],
    },
  ];
  for (const a of activities) {
    group = await recordSupervisionActivity(ddz, {
      groupId: group.id,
      kind: a.kind,
      heldOn: day(now, a.at),
      place: a.place,
      placeOrgId: orgIdOf(a.org),
      participants: a.participants,
      findings: a.findings.map((text) => ({ text, orgId: orgIdOf(a.org) })),
    });
  }
  const finding = group.activities[1].findings[0];
  await convertFindingToProblem(zgb, {
    groupId: group.id,
    findingId: finding.id,
    campaignId,
    leadOrgId: orgIdOf("450102"),
    deadline: day(now, 45),
  });

  const body = await createJointMeeting(zgb, {
    name: "基层党建突出问题整改联席会议",
    leadOrgId: officeId,
    convenerUserId: userIdOf("zgb"),
    deputyUserId: userIdOf("ddz"),
    duties: "统筹协调专项整治中跨地区、跨部门的重点难点问题，督促议定事项落实。",
    members: [
      { orgId: orgIdOf("450100"), liaisonUserId: userIdOf("nanning") },
      { orgId: orgIdOf("450200"), liaisonUserId: userIdOf("liuzhou") },
    ],
  });
  const past = await createMeetingSession(zgb, {
    bodyId: body.id,
    kind: "plenary",
    title: "2026年第一次全体会议",
    heldOn: day(now, -14),
    place: "自治区党委第三会议室",
  });
  const target = await ctx.db
    .selectFrom("problems")
    .select(["id", "code", "title"])
    .where("status", "=", "rectifying")
    .where("leadOrgId", "=", orgIdOf("450100"))
    .orderBy("code")
    .executeTakeFirst();
  await addAgendaItem(zgb, { sessionId: past.id, title: "通报专项整治工作进展" });
  if (target) await addAgendaItem(zgb, { sessionId: past.id, problemId: target.id, origin: "stuck" });
  await recordAttendance(zgb, {
    sessionId: past.id,
    entries: [
      { orgId: orgIdOf("450100"), present: true, attendees: "市委副书记、市委组织部部长" },
      { orgId: orgIdOf("450200"), present: false, absenceReason: "同期召开市委常委会，书面报告工作进展" },
    ],
  });
  await recordMinutes(zgb, {
    sessionId: past.id,
    text: "会议听取了各成员单位专项整治工作进展情况汇报，研究了村级活动场所管理和流动党员管理等重点难点问题，议定了以下事项。",
    docNumber: "桂整改联〔2026〕1号",
  });
  let minutes = await recordDecision(zgb, {
    sessionId: past.id,
    text: "柳州市牵头开展流动党员集中排查，年底前全部接转组织关系",
    ownerOrgId: orgIdOf("450200"),
    deadline: day(now, 40),
  });
  if (target) {
    minutes = await recordDecision(zgb, {
      sessionId: past.id,
      text: "兴宁区两周内完成辖区村级活动场所规范化整治并报送佐证材料",
      ownerOrgId: orgIdOf("450102"),
      deadline: day(now, 14),
    });
  }
  minutes = await recordDecision(zgb, { sessionId: past.id, text: "下次联络员会议听取议定事项落实情况汇报" });
  const [toProblem, toTask] = minutes.decisions;
  await convertDecisionToProblem(zgb, {
    decisionId: toProblem.id,
    campaignId,
    leadOrgId: orgIdOf("450200"),
    deadline: day(now, 40),
  });
  if (target) {
    await convertDecisionToTask(zgb, {
      decisionId: toTask.id,
      problemId: target.id,
      orgId: orgIdOf("450102"),
      deadline: day(now, 14),
    });
  }
  await createMeetingSession(zgb, {
    bodyId: body.id,
    kind: "liaison",
    title: "2026年第一次联络员会议",
    heldOn: day(now, 7),
    place: "自治区整改办会议室",
  });
  return { groupId: group.id, bodyId: body.id };
}
