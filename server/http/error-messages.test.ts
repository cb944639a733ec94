import fs from "node:fs";
import path from "node:path";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { ERRORS, type ErrorCode, FIELD_ERRORS, type FieldErrorCode } from "../../contract/errors.ts";
import { DomainError, type FieldError } from "../domain/errors.ts";
import { registerErrorHandling } from "./plugins/errors.ts";

// Every error message reaches people filled in: each placeholder of a code's zh-CN and en text is
// given by every place the server raises that code, and the rendered problem shows none raw.

const ROOT = path.resolve(import.meta.dirname, "..");
const sources = fs
  .readdirSync(ROOT, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
  .map((e) => path.join(e.parentPath, e.name))
  .filter((f) => !f.includes(`${path.sep}test${path.sep}`))
  .map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, "utf8") }));

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
const codePlaceholders = (code: ErrorCode) => placeholders(ERRORS[code].zh + ERRORS[code].en);

/** The text of the balanced `{…}` starting at `at`, or null when the argument is not an object literal. */
function objectAt(text: string, at: number): string | null {
  const start = text.slice(at).search(/\S/) + at;
  if (text[start] !== "{") return null;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if ("{([".includes(text[i])) depth++;
    if ("})]".includes(text[i]) && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** Top-level keys of an object literal, shorthand ones included. */
function keysOf(literal: string): string[] {
  let depth = 0;
  let flat = "";
  for (const ch of literal.slice(1, -1)) {
    if ("{([".includes(ch)) depth++;
    if (depth === 0) flat += ch;
    if ("})]".includes(ch)) depth--;
  }
  return [...flat.matchAll(/(?:^|,)\s*(?:\.\.\.)?(\w+)\s*(?=[:,]|$)/g)].map((m) => m[1]);
}

interface Site {
  where: string;
  code: string | null;
  params: string[] | null;
}

/** Every `new DomainError(code, params…)` and `invalid(code, field, params)` in the server. */
const sites: Site[] = sources.flatMap(({ file, text }) => {
  const found: Site[] = [];
  for (const m of text.matchAll(/new DomainError\(\s*("(\w+)"|[\w.?]+(?:\s*\?\?\s*"\w+")?)\s*(,?)/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const literal = m[3] ? objectAt(text, at) : "{}";
    found.push({
      where: `${file}:${text.slice(0, m.index).split("\n").length}`,
      code: m[2] ?? null,
      params: literal ? keysOf(literal) : null,
    });
  }
  for (const m of text.matchAll(/\binvalid\(\s*("(\w+)"|\w+)\s*,\s*("[^"]*"|\w+|undefined)\s*(,?)/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const literal = m[4] ? objectAt(text, at) : "{}";
    found.push({
      where: `${file}:${text.slice(0, m.index).split("\n").length}`,
      code: m[2] ?? null,
      params: literal ? keysOf(literal) : null,
    });
  }
  return found;
});

describe("error messages", () => {
  it("finds the places the server raises errors", () => {
    expect(sites.length).toBeGreaterThan(50);
    expect(sites.filter((s) => s.code === "file_too_large").length).toBeGreaterThan(1);
  });

  it("gives every placeholder of a code at every place that raises it by name", () => {
    const missing: string[] = [];
    for (const s of sites) {
      if (!s.code || !(s.code in ERRORS)) continue;
      const need = codePlaceholders(s.code as ErrorCode);
      if (need.length === 0) continue;
      if (s.params === null) missing.push(`${s.where} ${s.code}: params not an object literal`);
      else for (const p of need) if (!s.params.includes(p)) missing.push(`${s.where} ${s.code}: {${p}}`);
    }
    expect(missing).toEqual([]);
  });

  it("gives the placeholders of codes raised through a variable", () => {
    // e.g. `invalid(refusal, "newDeadline", { deadline })` with refusal from a policy function
    const indirect = sites.filter((s) => s.code === null && s.params !== null && s.params.length > 0);
    const missing: string[] = [];
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const need = codePlaceholders(code);
      if (need.length === 0 || sites.some((s) => s.code === code)) continue;
      const named = sources.some(({ text }) => text.includes(`"${code}"`));
      if (!named) continue;
      if (!indirect.some((s) => need.every((p) => s.params?.includes(p)))) missing.push(code);
    }
    expect(missing).toEqual([]);
  });

  it("gives the placeholders of field errors the server names itself", () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\{\s*field[^{}]*?code:\s*"(\w+)"([^{}]*)\}/g)) {
        const code = m[1] as FieldErrorCode;
        if (!(code in FIELD_ERRORS)) continue;
        const need = placeholders(FIELD_ERRORS[code].zh + FIELD_ERRORS[code].en);
        if (need.length > 0 && !/params/.test(m[2])) missing.push(`${file}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("renders every code in zh-CN and en with no placeholder left, in title and detail", async () => {
    // The params each code is raised with, as the scan found them (shorthands get a sample value).
    const paramsOf = (code: ErrorCode) => {
      const keys = new Set(sites.filter((s) => s.code === code).flatMap((s) => s.params ?? []));
      for (const s of sites.filter((x) => x.code === null))
        if (codePlaceholders(code).every((p) => s.params?.includes(p)))
          for (const k of s.params ?? []) keys.add(k);
      return Object.fromEntries([...keys].map((k) => [k, k === "until" ? "2026-11-28T02:00:00.000Z" : 7]));
    };
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.get("/:code", async (req) => {
      const code = (req.params as { code: ErrorCode }).code;
      const fields: FieldError[] = (Object.keys(FIELD_ERRORS) as FieldErrorCode[]).map((c) => ({
        field: c,
        code: c,
        params: { limit: 3, min: "2000-01-01", max: "2100-12-31" },
      }));
      throw new DomainError(code, paramsOf(code), fields);
    });
    await app.ready();
    const raw: string[] = [];
    // Codes the server no longer names anywhere cannot be produced; every other one is rendered.
    const raised = (Object.keys(ERRORS) as ErrorCode[]).filter((code) =>
      sources.some(({ text }) => text.includes(`"${code}"`)),
    );
    expect(raised.length).toBeGreaterThan(50);
    for (const code of raised) {
      for (const lang of ["zh-CN", "en"]) {
        const res = await app.inject({ url: `/${code}`, headers: { "accept-language": lang } });
        const body = res.json() as { title: string; detail: string; errors: { message: string }[] };
        for (const text of [body.title, body.detail, ...body.errors.map((e) => e.message)])
          if (/\{\w+\}/.test(text)) raw.push(`${code} ${lang}: ${text}`);
      }
    }
    await app.close();
    expect(raw).toEqual([]);
  });
});
