import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ProblemRowView } from "../../contract/schemas/problem.ts";
import { shanghaiDate } from "../domain/calendar/shanghai-date.ts";

const SOURCE: Record<string, string> = {
  research: "调研",
  opinion: "意见建议",
  supervision: "督导检查",
  meeting: "联席会议议定事项",
  review_opinion: "审议意见",
  instruction: "领导批示",
  hotline: "12345/信访",
  inspection: "巡视巡察/审计",
  self_check: "自查",
};
const RECTIFY: Record<string, string> = {
  immediate: "立行立改",
  deadline: "限期整改",
  long_term: "长期坚持",
};
const STATUS: Record<string, string> = {
  registered: "已立项",
  assigned: "已交办",
  rectifying: "整改中",
  closeout_requested: "待审核",
  public_review: "群众评议中",
  ongoing: "持续整改",
  closed: "已销号",
};
const CLOSURE: Record<string, string> = {
  rectified: "已整改",
  duplicate: "重复",
  not_in_remit: "不属于职责范围",
  withdrawn: "已撤销",
};
const LIGHT: Record<string, string> = { green: "绿灯", yellow: "黄灯", orange: "橙灯", red: "红灯" };
const FOLLOWUP: Record<string, string> = { ok: "未反弹", relapse: "反弹，重新挂账" };

type Cell = string | number | Date | null;

/** A calendar date (YYYY-MM-DD) as an Excel date: midnight UTC, so the cell shows that day. */
const asDate = (d: string | null): Date | null => (d ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : null);
/** An ISO time as its Asia/Shanghai day. */
const asDay = (iso: string | null): Date | null => (iso ? asDate(shanghaiDate(new Date(iso))) : null);

/**
 * A text cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip) gets a leading apostrophe (OWASP CSV injection advice).
 */
export function safeText(s: string | null | undefined): string | null {
  if (s === null || s === undefined || s === "") return null;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The ledger's columns in DOMAIN.md §4 order: header, width, and the cell of a row. */
export const LEDGER_COLUMNS: {
  header: string;
  width: number;
  cell: (r: ProblemRowView, n: number) => Cell;
  date?: true;
  percent?: true;
}[] = [
  { header: "序号", width: 6, cell: (_r, n) => n },
  { header: "问题编号", width: 16, cell: (r) => safeText(r.code) },
  { header: "问题来源", width: 12, cell: (r) => SOURCE[r.sourceType] ?? r.sourceType },
  { header: "来源批次/文号", width: 16, cell: (r) => safeText(r.sourceRef) },
  { header: "问题类别", width: 20, cell: (r) => safeText(r.categoryName) },
  { header: "问题描述(具体表现)", width: 48, cell: (r) => safeText(`${r.title}\n${r.description}`) },
  { header: "整改目标", width: 32, cell: (r) => safeText(r.target) },
  { header: "整改措施", width: 40, cell: (r) => safeText(r.measuresSummary) },
  { header: "整改类型", width: 10, cell: (r) => RECTIFY[r.rectifyType] ?? r.rectifyType },
  { header: "责任领导", width: 10, cell: (r) => safeText(r.responsibleLeader) },
  { header: "牵头单位", width: 16, cell: (r) => safeText(r.leadOrgName) },
  { header: "责任单位", width: 24, cell: (r) => safeText(r.responsibleOrgNames.join("、")) },
  { header: "配合单位", width: 24, cell: (r) => safeText(r.coOrgNames.join("、")) },
  { header: "责任人", width: 10, cell: (r) => safeText(r.responsiblePerson) },
  { header: "整改时限", width: 12, cell: (r) => asDate(r.deadline), date: true },
  {
    header: "阶段节点",
    width: 36,
    cell: (r) =>
      safeText(
        r.milestones
          .map((m) => `${m.deadline} ${m.seqNo}. ${m.title}${m.done ? "（已完成）" : ""}`)
          .join("\n"),
      ),
  },
  { header: "整改进展", width: 10, cell: (r) => r.progress / 100, percent: true },
  {
    header: "完成状态",
    width: 16,
    cell: (r) =>
      r.closureKind ? `${STATUS[r.status]}（${CLOSURE[r.closureKind]}）` : (STATUS[r.status] ?? r.status),
  },
  { header: "佐证材料", width: 10, cell: (r) => r.evidenceCount },
  { header: "销号申请日期", width: 14, cell: (r) => asDay(r.closeoutRequestedAt), date: true },
  { header: "审核(验收)意见", width: 24, cell: (r) => safeText(r.reviewOpinion) },
  { header: "销号日期", width: 12, cell: (r) => asDay(r.closedAt), date: true },
  {
    header: "回头看结果",
    width: 14,
    cell: (r) => (r.followupResult ? (FOLLOWUP[r.followupResult] ?? r.followupResult) : null),
  },
  { header: "预警灯", width: 8, cell: (r) => LIGHT[r.light] ?? r.light },
  { header: "备注", width: 24, cell: (r) => safeText(r.remarks) },
];

/**
 * Streams the ledger to `out` as an .xlsx workbook (exceljs's streaming writer: each row is
 * written and released as it comes, so the size of the ledger does not set the memory used):
 * a styled, frozen header row, column widths, dates as dates.
 */
export async function writeLedgerXlsx(
  batches: AsyncIterable<ProblemRowView[]>,
  out: Writable,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "整改通";
  const ws = wb.addWorksheet("问题台账", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = LEDGER_COLUMNS.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.date
      ? { numFmt: "yyyy-mm-dd" }
      : c.percent
        ? { numFmt: "0%" }
        : { alignment: { wrapText: true, vertical: "top" } },
  }));
  const header = ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = { bottom: { style: "thin", color: { argb: "FF000000" } } };
  });
  header.commit();
  let n = 0;
  for await (const rows of batches) {
    for (const r of rows) {
      n += 1;
      ws.addRow(LEDGER_COLUMNS.map((c) => c.cell(r, n))).commit();
    }
  }
  ws.commit();
  await wb.commit();
  return n;
}
