export const isControl = (code: number) => code < 0x20 || code === 0x7f;

/** What a file really is, judged from its bytes, never from its name. */
export interface DetectedType {
  mime: string;
  ext: string;
}

const startsWith = (b: Buffer, bytes: number[], offset = 0) => bytes.every((v, i) => b[offset + i] === v);
const ascii = (b: Buffer, text: string, offset = 0) =>
  b.subarray(offset, offset + text.length).toString("latin1") === text;

/** Names of the entries of a ZIP file, read from its local headers (enough to tell Office formats apart). */
function zipEntryNames(b: Buffer, max = 200): string[] {
  const names: string[] = [];
  let i = 0;
  while (i + 30 <= b.length && names.length < max && b.readUInt32LE(i) === 0x04034b50) {
    const compressed = b.readUInt32LE(i + 18);
    const nameLen = b.readUInt16LE(i + 26);
    const extraLen = b.readUInt16LE(i + 28);
    names.push(b.subarray(i + 30, i + 30 + nameLen).toString("utf8"));
    const flags = b.readUInt16LE(i + 6);
    if (flags & 0x08) break; // sizes follow the data: stop here, the first entries are enough
    i += 30 + nameLen + extraLen + compressed;
  }
  return names;
}

function officeZip(b: Buffer): DetectedType | null {
  const names = zipEntryNames(b);
  if (!names.includes("[Content_Types].xml")) return null;
  if (names.some((n) => n.startsWith("word/"))) {
    return { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" };
  }
  if (names.some((n) => n.startsWith("xl/"))) {
    return { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" };
  }
  if (names.some((n) => n.startsWith("ppt/"))) {
    return { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", ext: "pptx" };
  }
  return null;
}

function isPlainText(b: Buffer): boolean {
  if (b.length === 0) return false;
  const text = b.toString("utf8");
  if (text.includes("\uFFFD")) return false;
  // Control characters other than tab, newline, form feed and carriage return mean binary.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c) && c !== 9 && c !== 10 && c !== 12 && c !== 13) return false;
  }
  return true;
}

/**
 * Images (JPEG, PNG, GIF, WebP), PDF, Office documents (OOXML, and legacy OLE .doc/.xls/.ppt)
 * and UTF-8 plain text; anything else (executables, HTML, archives, SVG…) is refused as null.
 */
export function detectFileType(b: Buffer, claimedName = ""): DetectedType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", ext: "jpg" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: "image/png", ext: "png" };
  if (ascii(b, "GIF87a") || ascii(b, "GIF89a")) return { mime: "image/gif", ext: "gif" };
  if (ascii(b, "RIFF") && ascii(b, "WEBP", 8)) return { mime: "image/webp", ext: "webp" };
  if (ascii(b, "%PDF-")) return { mime: "application/pdf", ext: "pdf" };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return officeZip(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const ext = /\.(doc|xls|ppt)$/i.exec(claimedName)?.[1]?.toLowerCase() ?? "doc";
    const mime = {
      doc: "application/msword",
      xls: "application/vnd.ms-excel",
      ppt: "application/vnd.ms-powerpoint",
    }[ext];
    return { mime: mime ?? "application/msword", ext };
  }
  if (isPlainText(b)) {
    const head = b.subarray(0, 512).toString("utf8").trimStart().toLowerCase();
    if (
      head.startsWith("<!doctype html") ||
      head.startsWith("<html") ||
      head.startsWith("<svg") ||
      head.startsWith("<?xml")
    ) {
      return null;
    }
    return { mime: "text/plain; charset=utf-8", ext: "txt" };
  }
  return null;
}
