import { describe, expect, it } from "vitest";
import { safeFileName, storedFileName } from "./attachment.commands.ts";
import { detectFileType } from "./file-type.ts";

const hex = (h: string) => Buffer.from(h, "hex");

/** A minimal ZIP local file header naming one entry. */
function zipWith(...names: string[]) {
  return Buffer.concat(
    names.map((n) => {
      const name = Buffer.from(n);
      const head = Buffer.alloc(30);
      head.writeUInt32LE(0x04034b50, 0);
      head.writeUInt16LE(name.length, 26);
      return Buffer.concat([head, name]);
    }),
  );
}

describe("detectFileType", () => {
  const accepted: [string, Buffer, string][] = [
    ["JPEG", hex("ffd8ffe000104a464946"), "image/jpeg"],
    ["PNG", hex("89504e470d0a1a0a0000"), "image/png"],
    ["GIF", Buffer.from("GIF89a...."), "image/gif"],
    ["WebP", Buffer.concat([Buffer.from("RIFF"), hex("00000000"), Buffer.from("WEBPVP8 ")]), "image/webp"],
    ["PDF", Buffer.from("%PDF-1.7\n"), "application/pdf"],
    [
      "docx",
      zipWith("[Content_Types].xml", "word/document.xml"),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "xlsx",
      zipWith("[Content_Types].xml", "xl/workbook.xml"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["legacy .doc", hex("d0cf11e0a1b11ae100000000"), "application/msword"],
    ["Chinese plain text", Buffer.from("整改情况说明\n第一条：已完成。\r\n"), "text/plain; charset=utf-8"],
  ];
  for (const [name, bytes, mime] of accepted) {
    it(`accepts ${name}`, () => expect(detectFileType(bytes)?.mime).toBe(mime));
  }

  const refused: [string, Buffer][] = [
    ["a Windows executable", hex("4d5a90000300000004000000")],
    ["an ELF binary", hex("7f454c46020101000000")],
    ["HTML", Buffer.from("<!DOCTYPE html><html><script>alert(1)</script>")],
    ["SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
    ["a plain ZIP archive", zipWith("evil.exe")],
    ["binary noise", hex("00010203040506")],
    ["an empty file", Buffer.alloc(0)],
  ];
  for (const [name, bytes] of refused) {
    it(`refuses ${name}`, () => expect(detectFileType(bytes)).toBeNull());
  }
});

describe("safeFileName", () => {
  it("drops paths, quotes and control characters and keeps Chinese", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName('C:\\x\\整改"报告"\u0000.pdf')).toBe("整改报告.pdf");
    expect(safeFileName("")).toBe("file");
  });
});

describe("storedFileName", () => {
  it("ends every name in the extension of the type the bytes show", () => {
    expect(storedFileName("evil.png.html", "txt")).toBe("evil.png.txt");
    expect(storedFileName("report.pdf.exe", "pdf")).toBe("report.pdf.pdf");
    expect(storedFileName("照片", "png")).toBe("照片.png");
    expect(storedFileName(".html", "txt")).toBe("file.txt");
    expect(storedFileName("scan.PDF", "pdf")).toBe("scan.PDF");
    expect(storedFileName("现场.jpeg", "jpg")).toBe("现场.jpeg");
    expect(storedFileName("台账.csv", "txt")).toBe("台账.csv");
    expect(storedFileName("图片.png", "jpg")).toBe("图片.jpg");
  });

  it("drops the characters a Word document cannot hold", () => {
    expect(storedFileName("整改\uFFFE报告\uFFFF.pdf", "pdf")).toBe("整改报告.pdf");
  });
});
