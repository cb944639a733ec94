import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildBody, buildGroup } from "../../test/bodies.ts";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "coord", roles: [["coordinator", "450100"]] });
  await t.build.user({ username: "sup", roles: [["supervisor", "450100"]] });
});
afterEach(() => t.close());

describe("supervision-group routes", () => {
  it("create a group, refuse a reversed period field by field in either language, and download the report", async () => {
    const sup = await t.as("sup");
    const staff = await t.build.user({ roles: [["unit_staff", "450102"]] });
    const body = {
      name: "南宁市第二督导组",
      dispatchOrgId: t.org("450100").id,
      leaderUserId: staff.id,
      contactPointOrgIds: [t.org("450102").id],
      startsOn: "2026-12-31",
      endsOn: "2026-11-01",
      plan: "",
    };
    const bad = await sup("POST", "/api/v1/supervision-groups", body, "en");
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: "period_invalid", errors: [{ field: "endsOn" }] });
    expect(bad.json().detail).toBe("The end date cannot be before the start date");
    const zh = await sup("POST", "/api/v1/supervision-groups", body);
    expect(zh.json().detail).toBe("结束日期不能早于开始日期");
    const missing = await sup("POST", "/api/v1/supervision-groups", { ...body, name: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain("name");
    expect(await t.database.db.selectFrom("supervisionGroups").select("id").execute()).toEqual([]);

    const created = await sup("POST", "/api/v1/supervision-groups", {
      ...body,
      startsOn: "2026-11-01",
      endsOn: "2026-12-31",
    });
    expect(created.statusCode, created.body).toBe(200);
    const group = created.json().data;
    expect(group).toMatchObject({ active: true, abilities: { manage: true, record: true, convert: false } });
    const activity = await sup("POST", `/api/v1/supervision-groups/${group.id}/activities`, {
      kind: "spot_check",
      heldOn: "2026-11-27",
      place: "兴宁区民主路社区",
      placeOrgId: t.org("450102").id,
      participants: ["组长"],
      findings: [{ text: "社区网格员配备不足" }, { text: "党员活动室被挪作他用" }],
    });
    expect(activity.json().data.figures).toMatchObject({ activities: 1, findings: 2, converted: 0 });

    const report = await sup("GET", `/api/v1/supervision-groups/${group.id}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/wordprocessingml/);
    expect(report.headers["content-disposition"]).toContain(
      encodeURIComponent("关于兴宁区督导情况的报告.docx"),
    );
    const xml = await (await JSZip.loadAsync(report.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toContain(
      "共开展活动 1 次，其中随机抽查 1 次，深入 1 个点位，发现问题 2 个，已转为整改问题 0 个，2 个待转办。",
    );
  });

  it("let a member of an active group work in its contact point through the API, and 404 a group out of reach", async () => {
    const member = await t.build.user({ username: "member", roles: [], home: "450000" });
    const problem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    const g = await buildGroup(t, { dispatch: "450000", contactPoint: "450100", memberIds: [member.id] });
    const other = await buildGroup(t, { dispatch: "450200", contactPoint: "450202" });
    const call = await t.as("member");
    const me = (await call("GET", "/api/v1/auth/me")).json().data;
    expect(me.roles).toEqual([expect.objectContaining({ role: "supervisor", orgName: "南宁市" })]);
    expect(me.abilities).toMatchObject({ "groups.read": true, "groups.manage": false });
    expect((await call("GET", `/api/v1/problems/${problem.id}`)).statusCode).toBe(200);
    expect((await call("GET", `/api/v1/supervision-groups/${g.id}`)).json().data.abilities).toMatchObject({
      record: true,
      manage: false,
    });
    const finding = await call(
      "POST",
      `/api/v1/supervision-groups/${g.id}/activities/${g.activityId}/findings`,
      {
        text: "整改措施空泛",
      },
    );
    expect(finding.statusCode, finding.body).toBe(200);
    expect((await call("GET", `/api/v1/supervision-groups/${other.id}`)).statusCode).toBe(404);
    expect(
      (await call("GET", "/api/v1/supervision-groups")).json().data.map((r: { id: string }) => r.id),
    ).toEqual([g.id]);
  });
});

describe("joint-meeting routes", () => {
  it("record a session and turn a decision into a task the unit sees on its 工作台", async () => {
    const coord = await t.as("coord");
    const b = await buildBody(t, { lead: "450100", member: "450102" });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    await t.build.user({ username: "clerk", roles: [["unit_staff", "450102"]] });

    const attendance = await coord("PUT", `/api/v1/joint-meetings/sessions/${b.sessionId}/attendance`, {
      entries: [{ orgId: t.org("450102").id, present: false }],
    });
    expect(attendance.statusCode).toBe(422);
    expect(attendance.json()).toMatchObject({
      code: "reason_required",
      errors: [{ field: "entries/0/absenceReason" }],
    });
    const notMember = await coord("PUT", `/api/v1/joint-meetings/sessions/${b.sessionId}/attendance`, {
      entries: [{ orgId: t.org("450103").id, present: true }],
    });
    expect(notMember.json()).toMatchObject({
      code: "org_not_member",
      errors: [{ field: "entries/0/orgId" }],
    });

    const task = await coord("POST", `/api/v1/joint-meetings/decisions/${b.decisionId}/to-task`, {
      problemId: p.id,
      orgId: t.org("450102").id,
      deadline: "2026-12-20",
      title: "完成活动场所整治",
    });
    expect(task.statusCode, task.body).toBe(200);
    const outcome = task.json().data.decisions[0].outcome;
    expect(outcome).toMatchObject({ kind: "task", taskStatus: "pending", orgName: "兴宁区" });
    const clerk = await t.as("clerk");
    const todos = (await clerk("GET", "/api/v1/me/todos")).json().data;
    expect(todos.tasksToAcknowledge.map((x: { id: string }) => x.id)).toEqual([outcome.taskId]);
    const again = await coord("POST", `/api/v1/joint-meetings/decisions/${b.decisionId}/to-task`, {
      problemId: p.id,
      orgId: t.org("450102").id,
      deadline: "2026-12-20",
    });
    expect(again.json().code).toBe("decision_already_converted");
  });

  it("propose a red item with one click onto the agenda", async () => {
    const coord = await t.as("coord");
    const b = await buildBody(t, { lead: "450100", member: "450102" });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    await t.database.db.updateTable("problems").set({ light: "red" }).where("id", "=", p.id).execute();
    const proposed = (
      await coord("GET", `/api/v1/joint-meetings/sessions/${b.sessionId}/proposed-items`)
    ).json().data;
    expect(proposed).toEqual([expect.objectContaining({ problemId: p.id, reasons: ["red"], light: "red" })]);
    const added = await coord("POST", `/api/v1/joint-meetings/sessions/${b.sessionId}/agenda-items`, {
      problemId: p.id,
      origin: "red",
    });
    expect(added.json().data.agenda).toEqual([
      expect.objectContaining({
        origin: "red",
        problem: expect.objectContaining({ id: p.id, light: "red" }),
      }),
    ]);
    expect(
      (await coord("GET", `/api/v1/joint-meetings/sessions/${b.sessionId}/proposed-items`)).json().data,
    ).toEqual([]);
  });
});
