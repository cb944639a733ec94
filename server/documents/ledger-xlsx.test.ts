import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemRowView } from "../../contract/schemas/problem.ts";
import { ledgerRowBatches } from "../domain/problems/ledger.export.ts";
import { registerProblem, updateProblemRemarks } from "../domain/problems/problem.commands.ts";
import { buildProblem } from "../test/problems.ts";
import { type TestApp, testApp } from "../test/support.ts";
import { LEDGER_COLUMNS, safeText } from "./ledger-xlsx.ts";

const HEADERS =
  "序号 问题编号 问题来源 来源批次/文号 问题类别 问题描述(具体表现) 整改目标 整改措施 整改类型 责任领导 牵头单位 责任单位 配合单位 责任人 整改时限 阶段节点 整改进展 完成状态 佐证材料 销号申请日期 审核(验收)意见 销号日期 回头看结果 预警灯 备注".split(
    " ",
  );
const INJECTION = '=HYPERLINK("http://evil.example","点击")';

let t: TestApp;
let leader: Awaited<ReturnType<TestApp["as"]>>;
let liuzhou: Awaited<ReturnType<TestApp["as"]>>;

beforeAll(async () => {
  t = await testApp();
  await buildProblem(t, { owner: "450100", lead: "450102", stage: "closed" });
  const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
  await updateProblemRemarks(t.sys, { problemId: p.id, remarks: "@SUM(A1:A9)" });
  await buildProblem(t, { owner: "450200", lead: "450202", stage: "assigned" });
  const campaign = await t.build.campaign();
  await registerProblem(t.sys, {
    campaignId: campaign.id,
    sourceType: "hotline",
    sourceRef: "+86 12345",
    title: INJECTION,
    description: "-1+1",
    rectifyType: "immediate",
    target: "立行立改",
    acceptanceStandard: "群众满意",
  });
  await t.build.user({ username: "x_leader", roles: [["leader", "450000"]] });
  await t.build.user({ username: "x_liuzhou", roles: [["unit_lead", "450200"]] });
  leader = await t.as("x_leader");
  liuzhou = await t.as("x_liuzhou");
}, 60_000);
afterAll(() => t.close());

async function exportAs(call: typeof leader, query = "") {
  const res = await call("GET", `/api/v1/problems/export.xlsx${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0];
}
async function apiRows(call: typeof leader, query = ""): Promise<ProblemRowView[]> {
  const res = await call("GET", `/api/v1/problems?limit=200&sort=code${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().data;
}
const plain = (v: ExcelJS.CellValue) => (v === undefined ? null : v);

describe("ledger export to Excel", () => {
  it("writes the API's rows cell by cell in the ledger's column order", async () => {
    const ws = await exportAs(leader);
    const rows = await apiRows(leader);
    expect(rows).toHaveLength(4);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.rowCount).toBe(rows.length + 1);
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      LEDGER_COLUMNS.forEach((c, j) => {
        expect(plain(row.getCell(j + 1).value), `${c.header} of ${r.code}`).toEqual(c.cell(r, i + 1));
      });
      expect(row.getCell(2).value).toBe(r.code);
    });
    const closed = rows.findIndex((r) => r.status === "closed");
    const closedAt = ws.getRow(closed + 2).getCell(HEADERS.indexOf("销号日期") + 1).value;
    expect(closedAt).toBeInstanceOf(Date);
    const deadline = ws.getRow(closed + 2).getCell(HEADERS.indexOf("整改时限") + 1);
    expect(deadline.value).toEqual(new Date("2026-12-31T00:00:00Z"));
    expect(deadline.numFmt).toBe("yyyy-mm-dd");
  });

  it("escapes text a spreadsheet would run as a formula", async () => {
    const ws = await exportAs(leader);
    const desc = HEADERS.indexOf("问题描述(具体表现)") + 1;
    const texts = [];
    for (let i = 2; i <= ws.rowCount; i++) texts.push(ws.getRow(i).getCell(desc).value);
    expect(texts).toContain(`'${INJECTION}\n-1+1`);
    for (let i = 2; i <= ws.rowCount; i++) {
      for (let j = 1; j <= HEADERS.length; j++) {
        const v = ws.getRow(i).getCell(j).value;
        expect(typeof v === "object" && v !== null && "formula" in v).toBe(false);
        if (typeof v === "string") expect(v).not.toMatch(/^[=+\-@]/);
      }
    }
    expect(safeText("+86 12345")).toBe("'+86 12345");
    expect(safeText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeText("南宁市")).toBe("南宁市");
  });

  it("styles and freezes the header and sets column widths", async () => {
    const ws = await exportAs(leader);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(HEADERS.indexOf("问题描述(具体表现)") + 1).width).toBe(48);
  });

  it("exports only the caller's scope, filtered as on screen", async () => {
    const ws = await exportAs(liuzhou);
    const rows = await apiRows(liuzhou);
    expect(rows).toHaveLength(1);
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe(rows[0].code);
    const lead = `&leadOrgId=${t.org("450102").id}`;
    const filtered = await exportAs(leader, `?status=closed${lead}`);
    const expected = await apiRows(leader, `&status=closed${lead}`);
    expect(expected).toHaveLength(1);
    expect(filtered.rowCount).toBe(2);
    expect(filtered.getRow(2).getCell(2).value).toBe(expected[0].code);
  });

  it("refuses roles without the ledger in problem+json", async () => {
    await t.build.user({ username: "x_admin", roles: [["admin", "450000"]] });
    const admin = await t.as("x_admin");
    const res = await admin("GET", "/api/v1/problems/export.xlsx");
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("problem+json");
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/problems/export.xlsx" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("reads the ledger in keyset batches that together are every row once", async () => {
    const ctx = await t.ctxFor(await t.build.user({ roles: [["leader", "450000"]] }));
    const codes: string[] = [];
    for await (const batch of ledgerRowBatches(ctx, {}, 3)) {
      expect(batch.length).toBeLessThanOrEqual(3);
      codes.push(...batch.map((r) => r.code));
    }
    expect(codes).toEqual((await apiRows(leader)).map((r) => r.code));
  });
});
