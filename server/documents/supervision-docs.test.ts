import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSupervisionNotice } from "../domain/supervision/notice.commands.ts";
import { buildProblem } from "../test/problems.ts";
import { type TestDb, testDb } from "../test/support.ts";
import { noticeDocx } from "./supervision-docs.ts";

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

describe("the notice as a Word document", () => {
  it("parses back with its number, title, addressee, issuer and date", async () => {
    const sup = await asUser("supervisor", "450100");
    const n = await issueSupervisionNotice(sup, {
      ...notice((await nanningItem()).id),
      title: "关于加快整改的督办通知",
    });
    const doc = await noticeDocx(sup, n.id);
    expect(doc.fileName).toBe("督办〔2026〕1号 关于加快整改的督办通知.docx");
    const xml = await (await JSZip.loadAsync(doc.bytes)).file("word/document.xml")!.async("string");
    for (const text of [
      "督办〔2026〕1号",
      "关于加快整改的督办通知",
      "兴宁区：",
      "南宁市",
      "2026年11月28日",
      "2026年12月4日",
    ])
      expect(xml).toContain(text);
  });

  it("is refused to users outside the notice's scope as if it did not exist", async () => {
    const sup = await asUser("supervisor", "450100");
    const n = await issueSupervisionNotice(sup, notice((await nanningItem()).id));
    const liuzhou = await asUser("unit_lead", "450200");
    await expect(noticeDocx(liuzhou, n.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
