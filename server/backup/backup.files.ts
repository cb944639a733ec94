import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** SHA-256 of a file, streamed (a PostgreSQL dump can be larger than memory). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every regular file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/** Copies every file under `from` to the same relative path under `to` (files 0600, folders 0700). */
export function copyTree(from: string, to: string): number {
  const files = listFiles(from);
  for (const rel of files) {
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(from, rel), target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o600);
  }
  return files.length;
}

/** True when `dir` does not exist or holds nothing but the paths in `allowed` (and their folders). */
export function isEmptyDir(dir: string, allowed: string[] = []): boolean {
  const keep = new Set(allowed.map((a) => path.resolve(a)));
  return listFiles(dir).every((rel) => keep.has(path.resolve(dir, rel)));
}

/** The complete lines of a file being appended to: a line still being written is left out. */
export function completeLines(file: string): string {
  if (!fs.existsSync(file)) return "";
  const text = fs.readFileSync(file, "utf8");
  return text.slice(0, text.lastIndexOf("\n") + 1);
}
