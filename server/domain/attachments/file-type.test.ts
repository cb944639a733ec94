import { describe, expect, it } from "vitest";
import { safeFileName } from "./attachment.commands.ts";
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
