import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from "docx";

/**
 * A Word document laid out as an official document (党政机关公文, GB/T 9704): issuing-body mark in
 * red, document number, red rule, title, addressee, body, issuing body and date.
 */
export interface OfficialDocument {
  /** Issuing body mark, e.g. "南宁市整改工作督查室" (printed in red at the top). */
  issuer: string;
  /** Document number, e.g. "督办〔2026〕12号"; omitted for documents without one. */
  docNumber?: string | null;
  title: string;
  /** 主送机关, e.g. "兴宁区委". */
  addressee?: string | null;
  /** Body paragraphs; a paragraph starting with "一、" style headings is set in bold (黑体). */
  paragraphs: string[];
  /** Date of issue, YYYY-MM-DD. */
  date: string;
  /** Optional lines after the body (附件, 抄送). */
  notes?: string[];
}

const FANGSONG = "仿宋_GB2312";
const XIAOBIAOSONG = "方正小标宋简体";
const HEITI = "黑体";
const SIZE_3 = 32; // 三号 (16 pt, in half-points)
const SIZE_2 = 44; // 二号 (22 pt)
const MM = 56.7; // twips per millimetre

/** 2026-11-28 → 2026年11月28日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const HEADING = /^[一二三四五六七八九十]+、/;

function line(
  text: string,
  opts: { font?: string; size?: number; bold?: boolean; color?: string } = {},
): TextRun {
  return new TextRun({
    text,
    font: opts.font ?? FANGSONG,
    size: opts.size ?? SIZE_3,
    bold: opts.bold,
    color: opts.color,
  });
}

export function officialDocumentParagraphs(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [line(doc.issuer, { font: XIAOBIAOSONG, size: 52, color: "FF0000" })],
    }),
  ];
  if (doc.docNumber) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [line(doc.docNumber)] }));
  }
  out.push(
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: "FF0000", space: 1 } },
      spacing: { after: 400 },
      children: [],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [line(doc.title, { font: XIAOBIAOSONG, size: SIZE_2 })],
    }),
  );
  if (doc.addressee) out.push(new Paragraph({ children: [line(`${doc.addressee}：`)] }));
  for (const text of doc.paragraphs) {
    const heading = HEADING.test(text);
    out.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { line: 560 },
        children: [line(text, heading ? { font: HEITI } : {})],
      }),
    );
  }
  for (const note of doc.notes ?? [])
    out.push(new Paragraph({ spacing: { before: 200 }, children: [line(note)] }));
  out.push(
    new Paragraph({ spacing: { before: 600 }, alignment: AlignmentType.RIGHT, children: [line(doc.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [line(chineseDate(doc.date))] }),
  );
  return out;
}

/** Renders the document to .docx bytes (A4, GB/T 9704 margins). */
export async function renderOfficialDocument(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    creator: doc.issuer,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children: officialDocumentParagraphs(doc),
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Safe file name for a download: the title, without characters file systems reject. */
export function docxFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|\r\n]+/g, "_").slice(0, 80)}.docx`;
}
