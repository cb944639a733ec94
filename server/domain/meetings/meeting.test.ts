import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { getMyTodos } from "../problems/todos.queries.ts";
import { submitProgressReport } from "../tasks/task.commands.ts";
import { listProposedItems } from "./agenda.queries.ts";
import { convertDecisionToProblem, convertDecisionToTask } from "./decision.commands.ts";
import { createJointMeeting } from "./meeting.commands.ts";
import { getPreviousDecisions, listBodies } from "./meeting.queries.ts";
import {
  addAgendaItem,
  createMeetingSession,
  recordAttendance,
  recordDecision,
  recordMinutes,
} from "./session.commands.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

/** A body led by the region with 南宁 and 柳州 as member units, run by a regional coordinator. */
async function setup() {
  const zgb = await t.build.user({ roles: [["coordinator", "450000"]] });
  const nanningLead = await t.build.user({ roles: [["unit_lead", "450100"]] });
  const ctx = await t.ctxFor(zgb);
  const body = await createJointMeeting(ctx, {
    name: "整改工作联席会议",
    leadOrgId: t.org("450000").id,
    convenerUserId: zgb.id,
    members: [{ orgId: t.org("450100").id, liaisonUserId: nanningLead.id }, { orgId: t.org("450200").id }],
  });
  const session = await createMeetingSession(ctx, {
    bodyId: body.id,
    kind: "plenary",
    title: "第一次全体会议",
    heldOn: "2026-11-20",
    place: "自治区党委第一会议室",
  });
  return { zgb, nanningLead, ctx, body, session };
}

describe("joint-meeting decisions", () => {
  it("become a task that waits on the unit's 工作台", async () => {
    const { ctx, session } = await setup();
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
    const clerk = await t.build.user({ roles: [["unit_staff", "450102"]] });
    expect((await getMyTodos(await t.ctxFor(clerk))).tasksToAcknowledge).toEqual([]);

    const withDecision = await recordDecision(ctx, {
      sessionId: session.id,
      text: "兴宁区在年底前完成村级活动场所规范化整治",
    });
    const decision = withDecision.decisions[0];
    const after = await convertDecisionToTask(ctx, {
      decisionId: decision.id,
      problemId: p.id,
      orgId: t.org("450102").id,
      deadline: "2026-12-25",
    });
    expect(after.decisions[0].outcome).toMatchObject({
      kind: "task",
      problemId: p.id,
      taskStatus: "pending",
      orgName: "兴宁区",
      deadline: "2026-12-25",
    });
    const todos = await getMyTodos(await t.ctxFor(clerk));
    expect(todos.tasksToAcknowledge.map((x) => x.id)).toEqual([after.decisions[0].outcome?.taskId]);
    expect(todos.tasksToAcknowledge[0]).toMatchObject({ problemId: p.id, deadline: "2026-12-25" });
    await expect(
      convertDecisionToTask(ctx, {
        decisionId: decision.id,
        problemId: p.id,
        orgId: t.org("450102").id,
        deadline: "2026-12-25",
      }),
    ).rejects.toMatchObject({ code: "decision_already_converted" });
  });

  it("become a problem in one step with each step audited, and refusals leave nothing behind", async () => {
    const { ctx, session } = await setup();
    const campaign = await t.build.campaign();
    const { decisions } = await recordDecision(ctx, {
      sessionId: session.id,
      text: "柳州市牵头解决流动党员失联问题。限期两个月",
    });
    const seqBefore = (await t.database.db.selectFrom("auditHead").select("seq").executeTakeFirstOrThrow())
      .seq;
    await expect(
      convertDecisionToProblem(ctx, {
        decisionId: decisions[0].id,
        campaignId: campaign.id,
        leadOrgId: t.org("450200").id,
        deadline: "2027-01-31",
        rectifyType: "immediate",
        categoryId: "not-a-category",
      }),
    ).rejects.toMatchObject({ code: "category_not_in_campaign" });
    expect(await t.database.db.selectFrom("problems").select("id").execute()).toEqual([]);
    expect((await t.database.db.selectFrom("auditHead").select("seq").executeTakeFirstOrThrow()).seq).toBe(
      seqBefore,
    );

    const after = await convertDecisionToProblem(ctx, {
      decisionId: decisions[0].id,
      campaignId: campaign.id,
      leadOrgId: t.org("450200").id,
      deadline: "2027-01-31",
    });
    expect(after.decisions[0].outcome).toMatchObject({
      kind: "problem",
      status: "assigned",
      orgName: "柳州市",
    });
    const problem = await t.database.db
      .selectFrom("problems")
      .selectAll()
      .where("id", "=", after.decisions[0].outcome!.problemId)
      .executeTakeFirstOrThrow();
    expect(problem).toMatchObject({
      sourceType: "meeting",
      title: "柳州市牵头解决流动党员失联问题",
      deadline: "2027-01-31",
    });
    const events = await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("seq", ">", seqBefore)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "problem.registered",
      "problem.assigned",
      "meeting_decision.converted",
    ]);
  });
});

describe("proposed agenda items", () => {
  it("include red and stuck items of the member units, within what the viewer may see", async () => {
    const { ctx, nanningLead, session } = await setup();
    const red = await buildProblem(t, {
      owner: "450000",
      lead: "450102",
      stage: "tasked",
      title: "南宁红灯问题",
    });
    const fresh = await buildProblem(t, {
      owner: "450000",
      lead: "450103",
      stage: "tasked",
      title: "南宁正常推进",
    });
    const liuzhouRed = await buildProblem(t, {
      owner: "450000",
      lead: "450202",
      stage: "tasked",
      title: "柳州红灯问题",
    });
    const guilinRed = await buildProblem(t, {
      owner: "450000",
      lead: "450300",
      stage: "tasked",
      title: "桂林红灯问题",
    });
    const closedRed = await buildProblem(t, {
      owner: "450000",
      lead: "450102",
      stage: "closed",
      title: "已销号",
    });
    await t.database.db
      .updateTable("problems")
      .set({ light: "red" })
      .where("id", "in", [red.id, liuzhouRed.id, guilinRed.id, closedRed.id])
      .execute();

    const ids = async (c = ctx) => (await listProposedItems(c, session.id)).map((i) => i.problemId);
    // today nothing is stuck: only the red items of member units
    expect(new Set(await ids())).toEqual(new Set([red.id, liuzhouRed.id]));
    const [first] = await listProposedItems(ctx, session.id);
    expect(first.reasons).toEqual(["red"]);
    // 南宁's liaison officer sees 南宁's items only
    expect(await ids(await t.ctxFor(nanningLead))).toEqual([red.id]);

    // eleven working days on (before its deadline), the fresh item has had no report: stuck; a
    // report puts it back on track
    t.clock.set("2026-12-14T02:00:00.000Z");
    const stuck = await listProposedItems(ctx, session.id);
    expect(stuck.find((i) => i.problemId === fresh.id)).toMatchObject({
      reasons: ["stuck"],
      lastProgressOn: "2026-11-28",
    });
    expect(stuck.find((i) => i.problemId === fresh.id)?.idleWorkingDays).toBeGreaterThanOrEqual(10);
    const clerk = await t.build.user({ roles: [["unit_staff", "450103"]] });
    await submitProgressReport(await t.ctxFor(clerk), { taskId: fresh.taskId, percent: 70, text: "推进中" });
    expect(await ids()).not.toContain(fresh.id);

    // a proposal added to the agenda is no longer proposed
    await addAgendaItem(ctx, { sessionId: session.id, problemId: red.id, origin: "red" });
    expect(await ids()).not.toContain(red.id);
    await expect(addAgendaItem(ctx, { sessionId: session.id, problemId: red.id })).rejects.toMatchObject({
      code: "agenda_item_duplicate",
    });
  });
});

describe("the next session", () => {
  it("shows what became of the previous session's decisions", async () => {
    const { ctx, body, session } = await setup();
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
    const campaign = await t.build.campaign();
    await recordAttendance(ctx, {
      sessionId: session.id,
      entries: [
        { orgId: t.org("450100").id, present: true, attendees: "市委副书记" },
        { orgId: t.org("450200").id, present: false, absenceReason: "同期召开防汛会议" },
      ],
    });
    await recordMinutes(ctx, {
      sessionId: session.id,
      text: "会议议定以下事项……",
      docNumber: "桂整改联〔2026〕1号",
    });
    await recordDecision(ctx, { sessionId: session.id, text: "兴宁区完成场所整治" });
    const recorded = await recordDecision(ctx, { sessionId: session.id, text: "柳州市解决党员失联" });
    await convertDecisionToTask(ctx, {
      decisionId: recorded.decisions[0].id,
      problemId: p.id,
      orgId: t.org("450102").id,
      deadline: "2026-12-25",
    });
    await convertDecisionToProblem(ctx, {
      decisionId: recorded.decisions[1].id,
      campaignId: campaign.id,
      leadOrgId: t.org("450200").id,
      deadline: "2027-01-31",
    });
    await recordDecision(ctx, { sessionId: session.id, text: "下次会议听取进展汇报" });
    const next = await createMeetingSession(ctx, {
      bodyId: body.id,
      kind: "liaison",
      title: "第一次联络员会议",
      heldOn: "2026-12-20",
      place: "自治区整改办",
    });
    expect(await getPreviousDecisions(ctx, session.id)).toEqual({ session: null, decisions: [] });

    const clerk = await t.build.user({ roles: [["unit_staff", "450102"]] });
    const taskId = (await getPreviousDecisions(ctx, next.id)).decisions[0].outcome?.taskId as string;
    await submitProgressReport(await t.ctxFor(clerk), { taskId, percent: 60, text: "已完成大部分" });
    await t.database.db.updateTable("tasks").set({ light: "yellow" }).where("id", "=", taskId).execute();

    const prev = await getPreviousDecisions(ctx, next.id);
    expect(prev.session).toMatchObject({ id: session.id, title: "第一次全体会议" });
    expect(prev.decisions.map((d) => [d.seqNo, d.outcome?.kind ?? null])).toEqual([
      [1, "task"],
      [2, "problem"],
      [3, null],
    ]);
    expect(prev.decisions[0].outcome).toMatchObject({
      taskStatus: "in_progress",
      progress: 60,
      light: "yellow",
    });
    expect(prev.decisions[1].outcome).toMatchObject({ status: "assigned", orgName: "柳州市" });
    expect((await listBodies(ctx))[0]).toMatchObject({
      sessionCount: 2,
      lastSessionOn: "2026-12-20",
      memberCount: 2,
    });
  });
});
