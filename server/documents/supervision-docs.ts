import type { CircularView, NoticeView } from "../../contract/schemas/supervision.ts";
import type { Ctx } from "../context.ts";
import { shanghaiDate } from "../domain/calendar/shanghai-date.ts";
import { getCircularView } from "../domain/supervision/circular.queries.ts";
import { getNoticeView } from "../domain/supervision/notice.queries.ts";
import { chineseDate, docxFileName, type OfficialDocument, renderOfficialDocument } from "./official-doc.ts";

const LEVEL_ZH = { blue: "蓝色", yellow: "黄色", red: "红色" } as const;
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A 督办单 laid out as an official document: issuing org, 文号, title, the unit addressed, body, requirements, due date. */
export function noticeDocument(n: NoticeView): OfficialDocument {
  return {
    issuer: n.issuerOrgName,
    docNumber: n.docNumber,
    title: n.title,
    addressee: n.addresseeOrgName,
    paragraphs: [
      ...lines(n.body),
      "一、整改要求",
      ...lines(n.requirements),
      "二、回复期限",
      `请于${chineseDate(n.responseDue)}前将办理情况书面回复${n.issuerOrgName}。逾期未回复的，将按程序升级督办。`,
    ],
    date: shanghaiDate(new Date(n.issuedAt)),
    notes: [`督办等级：${LEVEL_ZH[n.level]}督办`, `督办事项：${n.problemCode} ${n.problemTitle}`],
  };
}

/** A 通报 laid out as an official document, with the items it names as an annex. */
export function circularDocument(c: CircularView): OfficialDocument {
  return {
    issuer: c.issuerOrgName,
    docNumber: c.docNumber,
    title: c.title,
    addressee: "各有关单位",
    paragraphs: lines(c.body),
    date: shanghaiDate(new Date(c.createdAt)),
    notes:
      c.items.length > 0
        ? ["附件：涉及问题清单", ...c.items.map((i, k) => `${k + 1}. ${i.code} ${i.title}`)]
        : [],
  };
}

/** The .docx of a notice the actor may read, with its download name. */
export async function noticeDocx(ctx: Ctx, id: string) {
  const n = await getNoticeView(ctx, id);
  return {
    bytes: await renderOfficialDocument(noticeDocument(n)),
    fileName: docxFileName(`${n.docNumber} ${n.title}`),
  };
}

/** The .docx of a circular the actor may read, with its download name. */
export async function circularDocx(ctx: Ctx, id: string) {
  const c = await getCircularView(ctx, id);
  return {
    bytes: await renderOfficialDocument(circularDocument(c)),
    fileName: docxFileName(`${c.docNumber} ${c.title}`),
  };
}
