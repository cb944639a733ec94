import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem, PNG_BYTES } from "../../test/problems.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { uploadAttachment } from "../attachments/attachment.commands.ts";
import { verifyAuditChain } from "../audit/audit.verify.ts";
import { recordInterview } from "./interview.commands.ts";
import { listProblem, requestDelisting, verifyDelisting } from "./listing.commands.ts";
import { closeNotice, issueSupervisionNotice, respondToNotice } from "./notice.commands.ts";
import { getNoticeView, listNotices } from "./notice.queries.ts";
import { getProblemSupervision } from "./supervision.queries.ts";
import { urgeProblem } from "./urging.commands.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

const nanningItem = (stage: "rectifying" | "tasked" = "rectifying") =>
  buildProblem(t, { owner: "450100", lead: "450102", stage });
const notice = (problemId: string, level: "blue" | "yellow" | "red" = "red") => ({
  problemId,
  level,
  body: "该问题整改进度滞后。",
  requirements: "请于期限内书面报告整改进展。",
});
const asUser = async (role: Parameters<TestDb["build"]["user"]>[0]["roles"][0][0], code: string) =>
  t.ctxFor(await t.build.user({ roles: [[role, code]] }));

describe("issueSupervisionNotice", () => {
  it("numbers notices per issuing org and year, from 1, with the response due in working days", async () => {
    const nanning = await asUser("supervisor", "450100");
    const liuzhou = await asUser("supervisor", "450200");
    const a = await issueSupervisionNotice(nanning, notice((await nanningItem()).id));
    const b = await issueSupervisionNotice(nanning, notice((await nanningItem()).id, "yellow"));
    const c = await issueSupervisionNotice(
      liuzhou,
      notice((await buildProblem(t, { owner: "450200", lead: "450202", stage: "rectifying" })).id),
    );
    expect([a.docNumber, b.docNumber, c.docNumber]).toEqual([
      "督办〔2026〕1号",
      "督办〔2026〕2号",
      "督办〔2026〕1号",
    ]);
    expect(a.issuerOrgName).toBe("南宁市");
    expect(a.addresseeOrgName).toBe("兴宁区");
    // Saturday 2026-11-28 + 5 working days = Friday 2026-12-04
    expect(a.responseDue).toBe("2026-12-04");
    expect(a.status).toBe("open");
  });

  it("gives concurrent issuers distinct numbers without gaps, even when one of them is refused", async () => {
    const sup = await asUser("supervisor", "450100");
    const items = await Promise.all(Array.from({ length: 6 }, () => nanningItem()));
    const results = await Promise.allSettled([
      ...items.map((p) => issueSupervisionNotice(sup, notice(p.id))),
      issueSupervisionNotice(sup, notice(items[0].id)),
    ]);
    const issued = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.docNumber] : []));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "notice_already_open" });
    expect(issued.map((n) => Number(/〔2026〕(\d+)号/.exec(n)?.[1])).sort((x, y) => x - y)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it("keeps one open notice per item and level: a second red is refused until the first is closed", async () => {
    const sup = await asUser("supervisor", "450100");
    const staff = await asUser("unit_staff", "450102");
    const p = await nanningItem();
    const first = await issueSupervisionNotice(sup, notice(p.id));
    await expect(issueSupervisionNotice(sup, notice(p.id))).rejects.toMatchObject({
      code: "notice_already_open",
    });
    await issueSupervisionNotice(sup, notice(p.id, "blue"));
    await respondToNotice(staff, { noticeId: first.id, text: "已整改过半" });
    await expect(issueSupervisionNotice(sup, notice(p.id))).rejects.toMatchObject({
      code: "notice_already_open",
    });
    await closeNotice(sup, { noticeId: first.id, note: "回复属实" });
    const again = await issueSupervisionNotice(sup, notice(p.id));
    expect(again.docNumber).toBe("督办〔2026〕3号");
  });

  it("refuses items not yet assigned, a due date in the past, and roles that do not supervise", async () => {
    const sup = await asUser("supervisor", "450100");
    const registered = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    await expect(issueSupervisionNotice(sup, notice(registered.id))).rejects.toMatchObject({
      code: "not_supervisable",
    });
    const p = await nanningItem();
    await expect(
      issueSupervisionNotice(sup, { ...notice(p.id), responseDue: "2026-11-27" }),
    ).rejects.toMatchObject({ code: "response_due_past" });
    await expect(
      issueSupervisionNotice(await asUser("unit_lead", "450100"), notice(p.id)),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const counters = await t.database.db
      .selectFrom("counters")
      .selectAll()
      .where("key", "like", "notice:%")
      .execute();
    expect(counters).toEqual([]);
  });
});

describe("the response flow", () => {
  it("lets the addressed unit answer once with evidence, and the issuer close it", async () => {
    const sup = await asUser("supervisor", "450100");
    const staffUser = await t.build.user({ roles: [["unit_staff", "450102"]] });
    const staff = await t.ctxFor(staffUser);
    const p = await nanningItem();
    const n = await issueSupervisionNotice(sup, notice(p.id));
    expect((await listNotices(staff, { mine: "1" })).data.map((x) => x.id)).toEqual([n.id]);
    await expect(closeNotice(sup, { noticeId: n.id })).rejects.toMatchObject({
      code: "notice_not_responded",
    });
    const file = await uploadAttachment(staff, { bytes: PNG_BYTES, fileName: "整改照片.png" });
    const answered = await respondToNotice(staff, {
      noticeId: n.id,
      text: "已召开专题会议，制定整改方案",
      attachmentIds: [file.id],
    });
    expect(answered.status).toBe("responded");
    expect(answered.responseAttachments.map((f) => f.originalName)).toEqual(["整改照片.png"]);
    expect((await listNotices(staff, { mine: "1" })).data).toEqual([]);
    await expect(respondToNotice(staff, { noticeId: n.id, text: "再次回复" })).rejects.toMatchObject({
      code: "notice_not_open",
    });
    await expect(closeNotice(staff, { noticeId: n.id })).rejects.toMatchObject({ code: "forbidden" });
    const closed = await closeNotice(sup, { noticeId: n.id, note: "同意办结" });
    expect(closed.status).toBe("closed");
    const events = await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("entityId", "=", p.id)
      .where("type", "like", "notice.%")
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["notice.issued", "notice.responded", "notice.closed"]);
    expect((await verifyAuditChain(t.sys)).ok).toBe(true);
  });

  it("keeps 柳州's users away from 南宁's notices: no reading, answering or listing", async () => {
    const sup = await asUser("supervisor", "450100");
    const n = await issueSupervisionNotice(sup, notice((await nanningItem()).id));
    const liuzhou = await asUser("unit_lead", "450200");
    await expect(getNoticeView(liuzhou, n.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(respondToNotice(liuzhou, { noticeId: n.id, text: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listNotices(liuzhou, {})).data).toEqual([]);
    const liuzhouSup = await asUser("supervisor", "450200");
    await expect(issueSupervisionNotice(liuzhouSup, notice(n.problemId, "blue"))).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("urgings, listing and interviews", () => {
  it("logs an urging by its method and shows it on the item's card", async () => {
    const sup = await asUser("coordinator", "450100");
    const p = await nanningItem();
    const card = await urgeProblem(sup, { problemId: p.id, method: "phone", note: "电话督促兴宁区加快进度" });
    expect(card.urgings).toMatchObject([{ kind: "urging", method: "phone", orgName: "兴宁区" }]);
    expect(card.abilities.urge).toBe(true);
  });

  it("takes a listed item down only after someone other than the requester verifies it", async () => {
    const a = await asUser("supervisor", "450100");
    const b = await asUser("coordinator", "450100");
    const p = await nanningItem();
    await listProblem(a, { problemId: p.id, reason: "群众反映强烈，久拖未决" });
    await expect(listProblem(b, { problemId: p.id, reason: "再挂一次" })).rejects.toMatchObject({
      code: "already_listed",
    });
    await expect(verifyDelisting(b, { problemId: p.id, approve: true, note: "x" })).rejects.toMatchObject({
      code: "delisting_not_requested",
    });
    await requestDelisting(a, { problemId: p.id, reason: "整改到位" });
    await expect(
      verifyDelisting(a, { problemId: p.id, approve: true, note: "自己核验" }),
    ).rejects.toMatchObject({
      code: "delisting_needs_other_verifier",
    });
    const refused = await verifyDelisting(b, { problemId: p.id, approve: false, note: "尚未彻底解决" });
    expect(refused.listing?.status).toBe("listed");
    await requestDelisting(a, { problemId: p.id, reason: "已彻底解决" });
    const done = await verifyDelisting(b, { problemId: p.id, approve: true, note: "经实地核验属实" });
    expect(done.listing).toBeNull();
    expect(done.abilities.list).toBe(true);
  });

  it("turns each interview commitment into a task for the interviewee's unit", async () => {
    const sup = await asUser("supervisor", "450100");
    const p = await nanningItem("tasked");
    const card = await recordInterview(sup, {
      problemId: p.id,
      heldAt: "2026-11-27T02:00:00Z",
      place: "南宁市委第一会议室",
      interviewer: "市督导组 黄组长",
      interviewee: "兴宁区委 分管副书记",
      reason: "整改进度严重滞后",
      commitments: [
        { text: "两周内完成全部村级场所排查", deadline: "2026-12-11" },
        { text: "月底前建立长效管理制度", deadline: "2026-12-31" },
      ],
    });
    const taskIds = card.interviews[0].commitments.map((c) => c.taskId);
    expect(taskIds.every(Boolean)).toBe(true);
    const tasks = await t.database.db
      .selectFrom("tasks")
      .select(["title", "orgId", "deadline", "status"])
      .where("id", "in", taskIds as string[])
      .orderBy("deadline")
      .execute();
    expect(tasks).toEqual([
      {
        title: "两周内完成全部村级场所排查",
        orgId: t.org("450102").id,
        deadline: "2026-12-11",
        status: "pending",
      },
      {
        title: "月底前建立长效管理制度",
        orgId: t.org("450102").id,
        deadline: "2026-12-31",
        status: "pending",
      },
    ]);
    await expect(
      recordInterview(sup, {
        ...card.interviews[0],
        problemId: p.id,
        intervieweeOrgId: t.org("450202").id,
        commitments: [],
      }),
    ).rejects.toMatchObject({ code: "org_outside_scope" });
    expect((await getProblemSupervision(sup, p.id)).interviews).toHaveLength(1);
  });
});
