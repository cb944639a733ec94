import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCircular } from "../../domain/supervision/circular.commands.ts";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
let nanningItem: { id: string; code: string };
let liuzhouItem: { id: string; code: string };

beforeAll(async () => {
  t = await testApp();
  await t.build.user({ username: "ddz_nn", roles: [["supervisor", "450100"]] });
  await t.build.user({ username: "xingning_staff", roles: [["unit_staff", "450102"]] });
  await t.build.user({ username: "liuzhou_lead", roles: [["unit_lead", "450200"]] });
  await t.build.user({ username: "region_leader", roles: [["leader", "450000"]] });
  nanningItem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
  liuzhouItem = await buildProblem(t, { owner: "450200", lead: "450202", stage: "rectifying" });
});
afterAll(() => t.close());

const noticeBody = { level: "red", body: "该问题整改进度严重滞后。", requirements: "请书面报告整改进展。" };

describe("supervision routes", () => {
  it("issue, answer, close and download a 督办单; 柳州 sees none of it", async () => {
    const ddz = await t.as("ddz_nn");
    const staff = await t.as("xingning_staff");
    const liuzhou = await t.as("liuzhou_lead");
    const issued = await ddz("POST", `/api/v1/problems/${nanningItem.id}/notices`, noticeBody);
    expect(issued.statusCode, issued.body).toBe(200);
    const n = issued.json().data;
    expect(n).toMatchObject({ docNumber: "督办〔2026〕1号", status: "open", addresseeOrgName: "兴宁区" });

    const again = await ddz("POST", `/api/v1/problems/${nanningItem.id}/notices`, noticeBody, "en");
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "notice_already_open" });
    expect(again.json().detail).toMatch(/one item, one notice/);

    for (const [method, url, body] of [
      ["GET", `/api/v1/notices/${n.id}`, undefined],
      ["GET", `/api/v1/notices/${n.id}/docx`, undefined],
      ["POST", `/api/v1/notices/${n.id}/response`, { text: "冒名回复" }],
      ["POST", `/api/v1/problems/${nanningItem.id}/notices`, { ...noticeBody, level: "blue" }],
    ] as const) {
      expect((await liuzhou(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await liuzhou("GET", "/api/v1/notices?mine=1")).json().data).toEqual([]);

    const mine = (await staff("GET", "/api/v1/notices?mine=1")).json();
    expect(mine.data.map((x: { id: string }) => x.id)).toEqual([n.id]);
    expect(mine.data[0].abilities).toEqual({ respond: true, close: false });
    const answered = await staff("POST", `/api/v1/notices/${n.id}/response`, {
      text: "已制定整改方案并推进",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().data.status).toBe("responded");
    const closed = await ddz("POST", `/api/v1/notices/${n.id}/close`, { note: "同意办结" });
    expect(closed.json().data).toMatchObject({ status: "closed", closeNote: "同意办结" });

    const doc = await staff("GET", `/api/v1/notices/${n.id}/docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers["content-type"]).toMatch(/wordprocessingml/);
    expect(doc.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("督办〔2026〕1号")}`,
    );
    expect(doc.headers["content-disposition"]).not.toMatch(/[^\x20-\x7e]/);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file("word/document.xml")!.async("string");
    for (const text of [n.docNumber, n.title, "兴宁区：", "南宁市", "2026年11月28日"])
      expect(xml).toContain(text);
  });

  it("refuses malformed input with field errors and no partial state", async () => {
    const ddz = await t.as("ddz_nn");
    const bad = await ddz("POST", `/api/v1/problems/${nanningItem.id}/urgings`, { method: "telepathy" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["method", "note"]),
    );
    const past = await ddz("POST", `/api/v1/problems/${nanningItem.id}/notices`, {
      ...noticeBody,
      level: "yellow",
      responseDue: "2026-01-01",
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe("responseDue");
    const badTime = await ddz("POST", `/api/v1/problems/${nanningItem.id}/interviews`, {
      heldAt: "2016-12-31T23:59:60Z",
      place: "会议室",
      interviewer: "甲",
      interviewee: "乙",
      reason: "丙",
      commitments: [],
    });
    expect(badTime.statusCode).toBe(400);
    const counts = await t.database.db
      .selectFrom("supervisionNotices")
      .select("level")
      .where("problemId", "=", nanningItem.id)
      .execute();
    expect(counts.map((c) => c.level)).toEqual(["red"]);
  });

  it("counts on the board only the items in the caller's scope", async () => {
    const db = t.database.db;
    await db
      .updateTable("problems")
      .set({ light: "red" })
      .where("id", "in", [nanningItem.id, liuzhouItem.id])
      .execute();
    const board = (await (await t.as("ddz_nn"))("GET", "/api/v1/supervision/board")).json().data;
    expect(board.counts.red).toBe(1);
    expect(board.items.red.map((i: { code: string }) => i.code)).toEqual([nanningItem.code]);
    const regional = (await (await t.as("region_leader"))("GET", "/api/v1/supervision/board")).json().data;
    expect(regional.counts.red).toBe(2);
  });

  it("circulates a 通报 down the tree, never sideways, and downloads it", async () => {
    const region = await issueCircular(t.sys, {
      title: "关于全区整改工作进展情况的通报",
      docNumber: "桂整改通〔2026〕5号",
      body: "现将全区整改进展通报如下。",
      tone: "positive",
      issuerOrgId: t.org("450000").id,
      problemIds: [nanningItem.id],
    });
    const liuzhouOnly = await issueCircular(t.sys, {
      title: "柳州市整改通报",
      docNumber: "柳整改通〔2026〕1号",
      body: "通报。",
      tone: "critical",
      issuerOrgId: t.org("450200").id,
      problemIds: [liuzhouItem.id],
    });
    const staff = await t.as("xingning_staff");
    const seen = (await staff("GET", "/api/v1/circulars")).json().data.map((c: { id: string }) => c.id);
    expect(seen).toContain(region.id);
    expect(seen).not.toContain(liuzhouOnly.id);
    expect((await staff("GET", `/api/v1/circulars/${liuzhouOnly.id}/docx`)).statusCode).toBe(404);
    const doc = await staff("GET", `/api/v1/circulars/${region.id}/docx`);
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file("word/document.xml")!.async("string");
    for (const text of [
      "桂整改通〔2026〕5号",
      "关于全区整改工作进展情况的通报",
      "广西壮族自治区",
      nanningItem.code,
    ])
      expect(xml).toContain(text);
  });

  it("announces listed items publicly, without a session", async () => {
    const ddz = await t.as("ddz_nn");
    const listed = await ddz("POST", `/api/v1/problems/${nanningItem.id}/listing`, {
      reason: "群众反映强烈",
    });
    expect(listed.json().data.listing).toMatchObject({ status: "listed", reason: "群众反映强烈" });
    const pub = await t.app.inject({ method: "GET", url: "/api/v1/public/listings" });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().data).toEqual([
      expect.objectContaining({ code: nanningItem.code, reason: "群众反映强烈", leadOrgName: "兴宁区" }),
    ]);
  });
});
