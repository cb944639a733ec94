import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { chineseDate, docxFileName, renderOfficialDocument } from "./official-doc.ts";

async function documentXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return zip.file("word/document.xml")!.async("string");
}

describe("official document", () => {
  it("lays out issuer, number, title, addressee, body and date", async () => {
    const xml = await documentXml(
      await renderOfficialDocument({
        issuer: "南宁市整改工作督查室",
        docNumber: "督办〔2026〕12号",
        title: "关于加快整改某问题的督办通知",
        addressee: "兴宁区委",
        paragraphs: ["一、基本情况", "请于5个工作日内书面回复。"],
        date: "2026-11-28",
      }),
    );
    const order = [
      "南宁市整改工作督查室",
      "督办〔2026〕12号",
      "关于加快整改某问题的督办通知",
      "兴宁区委：",
      "一、基本情况",
      "请于5个工作日内书面回复。",
      "2026年11月28日",
    ].map((t) => xml.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(xml).toContain('w:color w:val="FF0000"');
  });

  it("formats dates and file names", () => {
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(docxFileName('a/b:c*"d')).toBe("a_b_c_d.docx");
  });
});
