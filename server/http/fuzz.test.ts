import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../db/connect.ts";
import { DEMO_ACCOUNTS } from "../domain/demo/demo.commands.ts";
import { seedDemoBodies } from "../domain/demo/demo-bodies.ts";
import { seedDemoCampaign } from "../domain/demo/demo-problems.ts";
import { createResearchVisit } from "../domain/research/research.commands.ts";
import { resetUserPassword, unlockUser } from "../domain/users/user.commands.ts";
import { researchInput } from "../test/research.ts";
import { TEST_PASSWORD, type TestApp, testApp, testConfig } from "../test/support.ts";
import { buildApp } from "./app.ts";

// DESIGN.md §9: input fuzzing of every route — no 5xx, refusals as problem+json, no partial writes.

/** Random requests per route (after the hand-picked ones); FUZZ_RUNS=200 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
};
interface Operation {
  method: string;
  path: string;
  query: Record<string, Schema>;
  body: Schema | null;
  multipart: boolean;
}

/** Every operation the OpenAPI document lists, plus the hidden public GETs. */
async function listOperations(): Promise<Operation[]> {
  const database = connect({ sqliteFile: ":memory:" });
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  const spec = JSON.parse(JSON.stringify(app.swagger())) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string; schema: Schema }[];
          requestBody?: { content: Record<string, { schema: Schema }> };
          consumes?: string[];
        }
      >
    >;
  };
  await app.close();
  await database.close();
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path: p,
        query: Object.fromEntries(
          (op.parameters ?? []).filter((x) => x.in === "query").map((x) => [x.name, x.schema]),
        ),
        body: content["application/json"]?.schema ?? null,
        multipart: "multipart/form-data" in content || (op.consumes ?? []).includes("multipart/form-data"),
      });
    }
  }
  for (const p of ["/openapi.json", "/metrics", "/docs"])
    ops.push({ method: "GET", path: p, query: {}, body: null, multipart: false });
  return ops;
}

const operations = await listOperations();
// @fastify/swagger drops `consumes` from OpenAPI 3 documents; the upload route is known by name
for (const op of operations)
  if (op.method === "POST" && op.path === "/api/v1/attachments") op.multipart = true;

// ---------------------------------------------------------------------------------------------
// Inputs: values that satisfy the schemas (so requests get past validation into the handlers)
// yet carry hostile content, then the same with one field or one axis of the request broken.

/** Strings that every text column must survive: NUL bytes are refused by PostgreSQL text. */
const NUL_STRINGS = ["\u0000", "a\u0000b", "\u0000' OR 1=1 --"];
const NASTY_STRINGS = [
  " ",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "..\\..\\windows\\win.ini",
  "%00",
  "' OR '1'='1",
  "1; DROP TABLE orgs;--",
  '" OR ""="',
  "%' OR 1=1 --",
  "_%",
  "\\",
  "<script>alert(1)</script>",
  "$" + "{jndi:ldap://x/a}",
  "{{7*7}}",
  "99999999999999999999999999999",
  "-1",
  "0",
  "1e309",
  "1e999",
  "Infinity",
  "-Infinity",
  "NaN",
  "null",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "\uFFFF",
  "\uD800",
  "𠜎𠜱𠝹😀",
  "广西壮族自治区南宁市",
  "\u202Eevil",
  "\r\nSet-Cookie: x=1",
  "x".repeat(65),
  "y".repeat(300),
];
const HUGE_NUMBERS = [
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  1e20,
  1e308,
  -1e308,
  0,
  -1,
  0.5,
];
/** Date-times JSON Schema accepts that a JavaScript Date may not (leap seconds, year 0, far future). */
const EDGE_TIMES = [
  "2016-12-31T23:59:60Z",
  "2026-06-30T23:59:60Z",
  "9999-12-31T23:59:59.999Z",
  "0000-01-01T00:00:00Z",
  "2026-11-28T10:00:00+08:00",
  "2026-11-28T02:00:00.123456789Z",
];
/** Calendar dates JSON Schema accepts, near and far. */
const EDGE_DATES = [
  "0000-01-01",
  "1900-02-28",
  "2024-02-29",
  "2026-11-27",
  "2026-12-31",
  "2100-01-01",
  "9999-12-31",
];

const hostileString = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NUL_STRINGS) },
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);
const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constant(""),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, [], {}, [null], { "": "" }),
);

/** encodeURIComponent, after replacing lone surrogates (which it refuses) the way a browser would. */
const encode = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );

/** Real ids by kind, so requests name things that exist. */
type Kind =
  | "orgs"
  | "users"
  | "campaigns"
  | "categories"
  | "problems"
  | "measures"
  | "tasks"
  | "attachments"
  | "groups"
  | "activities"
  | "findings"
  | "bodies"
  | "sessions"
  | "decisions"
  | "research"
  | "researchFindings";
interface Pools {
  ids: Record<Kind, string[]>;
  usernames: string[];
}

/** The ids a field or path segment refers to, judged by its name. */
function idsFor(name: string, pools: Pools): string[] {
  const n = name.toLowerCase();
  const kind: Kind | undefined = (
    [
      ["research-finding", "researchFindings"],
      ["research", "research"],
      ["org", "orgs"],
      ["parent", "orgs"],
      ["campaign", "campaigns"],
      ["categor", "categories"],
      ["problem", "problems"],
      ["measure", "measures"],
      ["task", "tasks"],
      ["attachment", "attachments"],
      ["user", "users"],
      ["actor", "users"],
      ["group", "groups"],
      ["activit", "activities"],
      ["finding", "findings"],
      ["meeting", "bodies"],
      ["session", "sessions"],
      ["decision", "decisions"],
    ] as const
  ).find(([word]) => n.includes(word))?.[1];
  return kind ? pools.ids[kind] : Object.values(pools.ids).flat();
}

const within = (s: Schema) => (v: string) =>
  v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 1e9);

/** A value that satisfies `schema` (hostile content included), with ids and names from the live database. */
function valid(schema: Schema, name: string, pools: Pools): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, name, pools)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string": {
      if (schema.format === "date-time")
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom(...EDGE_TIMES),
        );
      if (schema.format === "date")
        return fc.oneof(
          fc
            .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
            .map((d) => d.toISOString().slice(0, 10)),
          fc.constantFrom(...EDGE_DATES),
        );
      if (schema.pattern) {
        const matching = fc.stringMatching(new RegExp(schema.pattern)).filter(within(schema));
        if (/ids?$/i.test(name))
          return fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...idsFor(name, pools)) },
            { weight: 1, arbitrary: matching },
          );
        if (name === "username") return fc.oneof(fc.constantFrom(...pools.usernames), matching);
        if (name === "code") return fc.oneof(fc.constantFrom("450102", "450000", "4501029"), matching);
        return matching;
      }
      const options = [
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        hostileString.filter(within(schema)),
        hostileString.filter(within(schema)),
        fc
          .string({ unit: "grapheme", minLength: schema.minLength ?? 0, maxLength: 20 })
          .filter(within(schema)),
      ];
      if (/password/i.test(name))
        options.push(fc.constantFrom(TEST_PASSWORD, "another-strong-passphrase-42"));
      if (/username/i.test(name)) options.push(fc.constantFrom(...pools.usernames));
      if (/type$/i.test(name))
        options.push(fc.constantFrom("org", "user", "org.created", "auth.login_failed"));
      return fc.oneof(...options);
    }
    case "integer":
    case "number": {
      const min = schema.minimum ?? -(2 ** 31);
      const max = schema.maximum ?? 2 ** 53;
      const edges = [min, max, ...HUGE_NUMBERS].filter(
        (n) => n >= min && n <= max && (type === "number" || Number.isInteger(n)),
      );
      return fc.oneof(
        fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }),
        fc.constantFrom(...edges),
      );
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(schema.items ? valid(schema.items, name, pools) : wildValue, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case "object": {
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of Object.entries(schema.properties ?? {})) record[key] = valid(s, key, pools);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) });
    }
    default:
      return wildValue;
  }
}

type Mutation = { kind: "replace" | "drop" | "add"; key: string; value: unknown };

/** Valid objects with one or two fields replaced, dropped or added, or something else entirely. */
function brokenBody(schema: Schema | null, pools: Pools): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema?.properties ?? {});
  if (!schema || keys.length === 0) return wildValue;
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom("replace", "replace", "drop", "add"),
    key: fc.oneof(fc.constantFrom(...keys), fc.constantFrom("extra", "__proto__", "constructor", "id")),
    value: wildValue,
  });
  const mutated = fc
    .tuple(valid(schema, "body", pools), fc.array(mutation, { minLength: 1, maxLength: 2 }))
    .map(([value, ms]) => {
      const out = { ...(value as Record<string, unknown>) };
      for (const m of ms) {
        if (m.kind === "drop") delete out[m.key];
        else
          Object.defineProperty(out, m.key, {
            value: m.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: wildValue });
}

type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "text"; contentType: string | null; text: string }
  | { kind: "bytes"; contentType: string; bytes: Buffer };

const HUGE_BODY = JSON.stringify({ name: "x".repeat(1_100_000), parentId: "a", password: "b" });
/** A body of 90,000 unknown keys (under the body limit) and one with an oversized nested object. */
const MANY_KEYS_BODY = JSON.stringify(
  Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1])),
);
const WIDE_NESTED_BODY = JSON.stringify({
  title: "x",
  portrait: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`s${i}`, "x"])),
  items: Array(5_000).fill({}),
});
const UPLOAD_MAX_BYTES = 64 * 1024;
const FILES: Record<string, Buffer> = {
  png: Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"),
  pdf: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1"),
  exe: Buffer.from("4d5a90000300000004000000ffff0000", "hex"),
  html: Buffer.from("<!doctype html><script>alert(1)</script>"),
  empty: Buffer.alloc(0),
  tooBig: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(UPLOAD_MAX_BYTES + 1)]),
};

const multipartBody = (
  parts: { name: string; filename?: string; type?: string; bytes: Buffer }[],
  end = true,
) => {
  const boundary = "----rectifyfuzz";
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${
        p.filename === undefined ? "" : `; filename="${p.filename}"`
      }\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`,
    ),
    p.bytes,
    Buffer.from("\r\n"),
  ]);
  if (end) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    kind: "bytes" as const,
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat(chunks),
  };
};

/** An upload as a browser sends it, with a hostile name or content now and then. */
const uploadArb: fc.Arbitrary<Body> = fc
  .record({
    file: fc.constantFrom("png", "png", "pdf", "exe", "html", "empty"),
    filename: fc.oneof(
      fc.constantFrom("证明材料.png", "scan.pdf", "../../etc/passwd", "a\u0000.png", 'x".png', "CON", ""),
      hostileString,
    ),
    type: fc.constantFrom("image/png", "application/pdf", "application/octet-stream", "text/html"),
  })
  .map(({ file, filename, type }) =>
    multipartBody([{ name: "file", filename: filename.replace(/[\r\n]/g, ""), type, bytes: FILES[file] }]),
  );

/** Bodies that break the request's framing rather than its fields. */
function malformedBody(op: Operation): fc.Arbitrary<Body> {
  const text = (contentType: fc.Arbitrary<string | null>, body: fc.Arbitrary<string>) =>
    fc.tuple(contentType, body).map(([c, t]): Body => ({ kind: "text", contentType: c, text: t }));
  const uploads = fc.constantFrom<Body>(
    multipartBody([{ name: "file", filename: "big.png", type: "image/png", bytes: FILES.tooBig }]),
    multipartBody([{ name: "note", bytes: Buffer.from("no file here") }]),
    multipartBody([
      { name: "file", filename: "a.png", bytes: FILES.png },
      { name: "file", filename: "b.png", bytes: FILES.png },
    ]),
    multipartBody([{ name: "file", filename: "cut.png", bytes: FILES.png }], false),
    { kind: "text", contentType: "multipart/form-data", text: "no boundary" },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
    {
      weight: 2,
      arbitrary: text(
        fc.constantFrom("application/json", "application/json; charset=utf-8", "application/problem+json"),
        fc.oneof(
          fc.constantFrom(
            "",
            "{",
            '{"name":',
            "[1,2",
            "nul",
            "'single'",
            '{"__proto__":{"x":1}}',
            "\uFEFF{}",
          ),
          fc.constantFrom(
            '{"constructor":{"prototype":{"admin":true}}}',
            '{"a":1,"a":2}',
            `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`,
            `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
          ),
          fc.string({ maxLength: 40 }),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: text(
        fc.constantFrom(
          null,
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "application/xml",
          "application/octet-stream",
          "application/json; charset=latin-1",
          "garbage",
        ),
        fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("a=1&b=2", "--xyz\r\n\r\n--xyz--", "<a/>")),
      ),
    },
    { weight: op.multipart ? 3 : 1, arbitrary: uploads },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: "text", contentType: "application/json", text: HUGE_BODY },
        { kind: "text", contentType: "text/plain", text: HUGE_BODY },
      ),
    },
  );
}

/** Path parameters that are not real ids: hostile strings, encoded or raw. */
const hostileParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.filter((s) => s !== "").map(encode) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("..", "../..", "a/b", "%2e%2e%2f", "%zz", "%", "%00", ";x=1", "a%2Fb", "."),
  },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_NUMBERS).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("Infinity", "-Infinity", "1e999", "NaN") },
);

const encodeQuery = (pairs: [string, unknown][]) =>
  pairs
    .map(([k, v]) => `${encode(k)}=${encode(typeof v === "string" ? v : (JSON.stringify(v) ?? ""))}`)
    .join("&");

function hostileQuery(op: Operation): fc.Arbitrary<string> {
  const params: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of Object.keys(op.query)) params[name] = wildValue;
  const encoded = fc
    .tuple(
      fc.record(params, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom("x", "limit[]", "__proto__", "q", "a.b"), wildValue), { freq: 3 }),
    )
    .map(([known, extra]) => encodeQuery([...Object.entries(known), ...(extra ? [extra] : [])]));
  return fc.oneof(
    { weight: 6, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constantFrom("%", "q=%zz", "limit=1&limit=2", "=", "&&&", "q", "limit=0x10") },
  );
}

// ---------------------------------------------------------------------------------------------
// Requests: well-formed as a signed-in member would send them, then broken along one axis.

/** The people who fuzz: the demo roles, each signed in, plus the anonymous public. */
const MEMBERS = DEMO_ACCOUNTS.map(([username]) => username);
type Csrf = "right" | "missing" | "wrong" | "empty";

interface FuzzRequest {
  identity: string;
  csrf: Csrf;
  method: string;
  params: string[];
  query: string;
  body: Body;
  lang: string;
  remote: string;
  cookie: string | null;
}

const pathParams = (op: Operation) => [...op.path.matchAll(/\/([^/{}]*)\/\{(\w+)\}/g)].map((m) => m[1]);

function requestArb(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const validQuery = fc
    .record(
      Object.fromEntries(
        Object.entries(op.query).map(([name, schema]) => [name, valid(schema, name, pools)]),
      ),
      { requiredKeys: [] },
    )
    .map((q) => encodeQuery(Object.entries(q)));
  const segments = pathParams(op);
  const validBody: fc.Arbitrary<Body> = op.multipart
    ? uploadArb
    : op.body
      ? valid(op.body, "body", pools).map((value): Body => ({ kind: "json", value }))
      : fc.constant({ kind: "none" });
  return fc
    .record({
      identity: fc.constantFrom("anonymous", ...MEMBERS),
      axis: fc.constantFrom("none", "none", "body", "body", "format", "param", "query", "session", "method"),
      validBody,
      brokenBody: brokenBody(op.body, pools).map((value): Body => ({ kind: "json", value })),
      malformedBody: malformedBody(op),
      validParams: fc.tuple(...segments.map((s) => fc.constantFrom(...idsFor(s, pools)))),
      hostileParams: fc.tuple(...segments.map(() => hostileParam)),
      validQuery,
      hostileQuery: hostileQuery(op),
      csrf: fc.constantFrom<Csrf>("missing", "wrong", "empty", "right"),
      cookie: fc.option(fc.constantFrom("rectify_sid=forged", "rectify_sid=", "rectify_sid=%zz; x=1", "a=b")),
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
      lang: fc.constantFrom("zh-CN", "en", "en-US,en;q=0.9", "*", "", "xx;q=abc", "zh-TW,zh;q=0.8"),
      remote: fc.constantFrom("10.0.0.1", "10.0.0.2", "192.0.2.7", "::1"),
    })
    .map(
      (g): FuzzRequest => ({
        identity: g.identity,
        csrf: g.axis === "session" ? g.csrf : "right",
        cookie: g.axis === "session" ? g.cookie : null,
        method: g.axis === "method" ? g.method : op.method,
        params: g.axis === "param" ? g.hostileParams : g.validParams,
        query: g.axis === "query" ? g.hostileQuery : g.validQuery,
        body: g.axis === "body" ? g.brokenBody : g.axis === "format" ? g.malformedBody : g.validBody,
        lang: g.lang,
        remote: g.remote,
      }),
    );
}

/** One concrete, schema-valid value with every free-text field set to `text` (and dates to `date`). */
function exemplar(schema: Schema, name: string, text: string, pools: Pools, date = "2026-12-31"): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return exemplar(alternatives[0], name, text, pools, date);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date-time") return EDGE_TIMES[0];
      if (schema.format === "date") return date;
      if (/ids?$/i.test(name)) return idsFor(name, pools)[0];
      if (name === "username" && schema.pattern) return "fuzz.user";
      if (name === "code") return "4501029";
      return schema.pattern ? text.replace(/[^A-Za-z0-9]/g, "") || "x" : text;
    case "integer":
    case "number":
      return [2 ** 31, 1e20, schema.maximum ?? 1].find(
        (n) => n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity),
      );
    case "boolean":
      return false;
    case "array":
      return schema.items
        ? Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
            exemplar(schema.items as Schema, name, text, pools, date),
          )
        : [];
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, exemplar(s, k, text, pools, date)]),
      );
    default:
      return text;
  }
}

/**
 * Hand-picked cases run before the random ones. As every role: a well-formed request whose free
 * text is hostile but valid, date-times on a leap second, numbers past 32 bits. As a few: the same with NUL bytes (PostgreSQL refuses them in text), and bodies whose
 * framing is broken (JSON cut short, multipart without a boundary, more than the body limit).
 */
function examples(op: Operation, pools: Pools): [FuzzRequest][] {
  const wellFormed = (identity: string, text: string): FuzzRequest => ({
    identity,
    csrf: "right",
    cookie: null,
    method: op.method,
    params: pathParams(op).map((s) => idsFor(s, pools)[0]),
    query: encodeQuery(Object.entries(op.query).map(([k, s]) => [k, exemplar(s, k, text, pools)])),
    body: op.multipart
      ? multipartBody([{ name: "file", filename: `${text}.png`, type: "image/png", bytes: FILES.png }])
      : op.body
        ? { kind: "json", value: exemplar(op.body, "body", text, pools) }
        : { kind: "none" },
    lang: "en",
    remote: "10.0.0.3",
  });
  const framing: Body[] = [
    { kind: "text", contentType: "application/json", text: '{"name":' },
    { kind: "text", contentType: "multipart/form-data", text: "no boundary" },
    { kind: "text", contentType: "application/json", text: HUGE_BODY },
    { kind: "text", contentType: "application/json", text: MANY_KEYS_BODY },
    { kind: "text", contentType: "application/json", text: WIDE_NESTED_BODY },
  ];
  // Every number of the body as 1e999 (JSON.parse reads it as Infinity); every date far away.
  const exemplarBody = (date: string) =>
    op.body && !op.multipart ? exemplar(op.body, "body", "x", pools, date) : undefined;
  const nonFiniteBody: Body = {
    kind: "text",
    contentType: "application/json",
    text: (
      JSON.stringify(exemplarBody("2026-12-31"), (_k, v) => (typeof v === "number" ? "<nf>" : v)) ?? "{}"
    ).replaceAll('"<nf>"', "1e999"),
  };
  const edges = (identity: string): FuzzRequest[] => {
    const base = wellFormed(identity, "x");
    return [
      // numbers that are not finite, in the query (limit=Infinity) and the body
      { ...base, query: encodeQuery(Object.keys(op.query).map((k) => [k, "Infinity"])) },
      { ...base, query: encodeQuery(Object.keys(op.query).map((k) => [k, "1e999"])) },
      { ...base, params: base.params.map(() => "1e999") },
      ...(op.body && !op.multipart ? [{ ...base, body: nonFiniteBody }] : []),
      // far dates in every date field of the query and the body
      ...["9999-12-31", "0001-01-01", "2101-01-01"].map((date) => ({
        ...base,
        query: encodeQuery(Object.entries(op.query).map(([k, q]) => [k, exemplar(q, k, "x", pools, date)])),
        body: op.body && !op.multipart ? ({ kind: "json", value: exemplarBody(date) } as Body) : base.body,
      })),
      // oversized key sets in the query
      { ...base, query: encodeQuery(Array.from({ length: 300 }, (_, i) => [`k${i}`, "1"])) },
    ];
  };
  return [
    ...["anonymous", ...MEMBERS].map((identity) => wellFormed(identity, "' OR '1'='1 𠜎😀 %_\\")),
    ...["anonymous", "admin", "nanning"].map((identity) => wellFormed(identity, "a\u0000b")),
    ...["anonymous", "admin", "nanning"].map((identity) => wellFormed(identity, "\uFFFE标题\uFFFF\u0001")),
    ...framing.map((body) => ({ ...wellFormed("nanning", "x"), body })),
    ...["admin", "zgb", "nanning"].flatMap(edges),
  ].map((r): [FuzzRequest] => [r]);
}

// ---------------------------------------------------------------------------------------------
// What must not change when a request is refused: every row of every table, the files on disk.

/** Columns written on purpose by refused or read-only requests. */
const VOLATILE: Record<string, string[]> = {
  // reads touch the session
  sessions: ["last_seen_at"],
};

/**
 * One query that fingerprints every table but the audit chain: its row count, and its rows as JSON
 * text in key order (on PostgreSQL, for tables without volatile columns, the newest xmin instead).
 */
let everyRow: RawBuilder<Record<string, string | number>>;

async function prepareSnapshot(t: TestApp): Promise<void> {
  const db = t.database.db.withoutPlugins();
  const pg = t.database.engine === "postgres";
  const tables = (
    await (pg
      ? sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
      : sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
          WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
    ).execute(db)
  ).rows;
  // SQLite full-text indexes are virtual tables kept by triggers; their shadow tables follow the rows
  const virtual = tables
    .filter((x) => /^CREATE VIRTUAL/i.test((x as { sql?: string }).sql ?? ""))
    .map((x) => x.name);
  const names = tables
    .map((x) => x.name)
    .filter((n) => !n.startsWith("kysely_") && n !== "audit_events" && n !== "audit_head")
    // rate-limit counters are written on purpose by refused sign-ins and anonymous writes
    .filter((n) => n !== "rate_limits")
    .filter((n) => !virtual.some((v) => n === v || n.startsWith(`${v}_`)))
    .sort();
  const parts = [];
  for (const table of names) {
    const columns = (
      await (pg
        ? sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`
        : sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`
      ).execute(db)
    ).rows.map((c) => c.name);
    const kept = columns.filter((c) => !(VOLATILE[table] ?? []).includes(c)).map((c) => sql.ref(c));
    const key = sql.ref(columns[0]);
    parts.push(sql`(SELECT COUNT(*) FROM ${sql.table(table)}) AS ${sql.id(`${table}#rows`)}`);
    if (pg && !VOLATILE[table]) {
      // Every committed write leaves a newer xmin on the rows it touched: a cheap, exact witness.
      parts.push(
        sql`(SELECT COALESCE(MAX(xmin::text::bigint), 0) FROM ${sql.table(table)}) AS ${sql.id(table)}`,
      );
    } else if (pg) {
      parts.push(sql`(SELECT COALESCE(json_agg(json_build_array(${sql.join(kept)}) ORDER BY ${key})::text, '[]')
          FROM ${sql.table(table)}) AS ${sql.id(table)}`);
    } else {
      parts.push(sql`(SELECT json_group_array(json_array(${sql.join(kept)}))
          FROM (SELECT * FROM ${sql.table(table)} ORDER BY ${key})) AS ${sql.id(table)}`);
    }
  }
  everyRow = sql<Record<string, string | number>>`SELECT ${sql.join(parts)},
    (SELECT COUNT(*) FROM audit_events) AS audit_all,
    (SELECT COUNT(*) FROM audit_events WHERE type LIKE 'auth.%') AS audit_auth,
    (SELECT seq FROM audit_head WHERE id = 1) AS audit_head`;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function snapshot(t: TestApp) {
  const { audit_all, audit_auth, audit_head, ...rows } = (
    await everyRow.execute(t.database.db.withoutPlugins())
  ).rows[0];
  const state: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(rows)) {
    state[column] =
      typeof value === "string" ? createHash("sha256").update(value).digest("hex") : Number(value);
  }
  // auth.* events are written on purpose when a sign-in or MFA step is refused
  state.auditEventsExceptAuth = Number(audit_all) - Number(audit_auth);
  state.auditHeadExceptAuth = Number(audit_head) - Number(audit_auth);
  state.files = filesUnder(t.config.dataDir).filter((f) => !f.includes(`${path.sep}keys${path.sep}`));
  return state;
}

// ---------------------------------------------------------------------------------------------

let t: TestApp;
let pools: Pools;
const signedIn = new Map<string, { id: string; cookie: string; csrf: string }>();
let logins = 0;

async function signIn(username: string): Promise<void> {
  const attempt = () => {
    logins += 1;
    return t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username, password: TEST_PASSWORD },
      // a fresh address each time, so the login rate limit never stands in the fixture's way
      remoteAddress: `127.1.${logins >> 8}.${logins & 255}`,
    });
  };
  const id = signedIn.get(username)?.id as string;
  let res = await attempt();
  if (res.statusCode === 429) {
    // fuzzed wrong MFA codes and current passwords delay sign-ins on purpose; lift the delay and go on
    await unlockUser(t.sys, { userId: id });
    res = await attempt();
  }
  expect(res.statusCode, res.body).toBe(200);
  const sid = res.cookies.find((c) => c.name === "rectify_sid")?.value;
  signedIn.set(username, { id, cookie: `rectify_sid=${sid}`, csrf: res.json().data.csrfToken });
}

// One app for the whole file, with the demo campaign's problems in every state: the fuzzed
// requests pile up more data on top, as real traffic would.
beforeAll(async () => {
  t = await testApp({ uploadMaxBytes: UPLOAD_MAX_BYTES });
  for (const [username, , role, code] of DEMO_ACCOUNTS) {
    const user = await t.build.user({ username, roles: [[role, code]] });
    signedIn.set(username, { id: user.id, cookie: "", csrf: "" });
  }
  const victims = [
    await t.build.user({ username: "victim", roles: [["unit_lead", "450100"]] }),
    await t.build.user({ username: "staffer", roles: [["unit_staff", "450102"]] }),
    await t.build.user({ username: "outsider", roles: [["auditor", "450200"]] }),
  ];
  await t.build.org({ parentCode: "450000" });
  await t.build.org({ parentCode: "450102", kind: "unit" });
  const { campaignId } = await seedDemoCampaign(
    t.sys,
    (code) => t.org(code).id,
    (username) => signedIn.get(username)?.id as string,
  );
  await seedDemoBodies(
    t.sys,
    (code) => t.org(code).id,
    (username) => signedIn.get(username)?.id as string,
    campaignId,
  );
  for (const code of ["450102", "450202"])
    await createResearchVisit(
      t.sys,
      researchInput(t.org(code).id, {
        siteOrgIds: [t.org(code).id],
        findings: [{ text: "调研发现一" }, { text: "调研发现二" }],
      }),
    );
  const db = t.database.db;
  const idsOf = async (
    table:
      | "campaigns"
      | "campaignCategories"
      | "problems"
      | "measures"
      | "tasks"
      | "attachments"
      | "supervisionGroups"
      | "supervisionActivities"
      | "supervisionFindings"
      | "jointMeetings"
      | "meetingSessions"
      | "meetingDecisions"
      | "researchVisits"
      | "researchFindings",
  ) => (await db.selectFrom(table).select("id").orderBy("id").execute()).map((r) => r.id);
  pools = {
    ids: {
      orgs: ["450100", "450000", "450102", "450200"].map((c) => t.org(c).id),
      // the fuzzing accounts stay out: deactivating or demoting them would end the run
      users: victims.map((v) => v.id),
      campaigns: await idsOf("campaigns"),
      categories: await idsOf("campaignCategories"),
      problems: await idsOf("problems"),
      measures: await idsOf("measures"),
      tasks: await idsOf("tasks"),
      attachments: await idsOf("attachments"),
      groups: await idsOf("supervisionGroups"),
      activities: await idsOf("supervisionActivities"),
      findings: await idsOf("supervisionFindings"),
      bodies: await idsOf("jointMeetings"),
      sessions: await idsOf("meetingSessions"),
      decisions: await idsOf("meetingDecisions"),
      research: await idsOf("researchVisits"),
      researchFindings: await idsOf("researchFindings"),
    },
    usernames: ["victim", "staffer", "outsider", "nobody"],
  };
  for (const [kind, ids] of Object.entries(pools.ids)) expect(ids.length, kind).toBeGreaterThan(0);
  for (const username of MEMBERS) await signIn(username);
  await prepareSnapshot(t);
}, 180_000);
afterAll(() => t.close());

function toInject(op: Operation, r: FuzzRequest): InjectOptions {
  const headers: Record<string, string> = { "accept-language": r.lang };
  const cookies: string[] = [];
  const s = signedIn.get(r.identity);
  if (s) {
    cookies.push(s.cookie);
    if (r.csrf === "right") headers["x-csrf-token"] = s.csrf;
    if (r.csrf === "wrong") headers["x-csrf-token"] = `${s.csrf.slice(1)}A`;
    if (r.csrf === "empty") headers["x-csrf-token"] = "";
  }
  if (r.cookie) cookies.push(r.cookie);
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  let payload: string | Buffer | undefined;
  if (r.body.kind === "json") {
    payload = JSON.stringify(r.body.value) ?? "null";
    headers["content-type"] = "application/json";
  } else if (r.body.kind === "text") {
    payload = r.body.text;
    if (r.body.contentType) headers["content-type"] = r.body.contentType;
  } else if (r.body.kind === "bytes") {
    payload = r.body.bytes;
    headers["content-type"] = r.body.contentType;
  }
  let i = 0;
  const url = op.path.replace(/\{\w+\}/g, () => r.params[i++] ?? "");
  return {
    method: r.method as InjectOptions["method"],
    url: r.query ? `${url}?${r.query}` : url,
    headers,
    payload,
    remoteAddress: r.remote,
  };
}

function expectProblem(res: LightMyRequestResponse, method: string) {
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  if (method === "HEAD") return;
  const problem = res.json() as { code?: unknown; detail?: unknown; status?: unknown };
  expect(problem.code).toEqual(expect.any(String));
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.detail).not.toBe("");
  expect(problem.status).toBe(res.statusCode);
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
/** The database as it stands, when nothing has written since it was taken. */
let known: Snapshot | null = null;

async function send(op: Operation, r: FuzzRequest) {
  const before = known ?? (await snapshot(t));
  const options = toInject(op, r);
  const res = await t.app.inject(options);
  const context = `${options.method} ${options.url} as ${r.identity} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expectProblem(res, r.method);
    // A refusal is small whatever was sent: validation errors never echo a hostile body back.
    expect(res.body.length, context).toBeLessThan(16_384);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    known = null;
  } else {
    known = await snapshot(t);
    // a lockout ends the account's sessions on purpose, in the same transaction that refuses
    const lockout = res.statusCode === 423 ? { sessions: known.sessions } : {};
    expect({ ...known, ...lockout }, context).toEqual({ ...before, ...lockout });
  }

  // A member's session ends only by its own hand: a logout, a password change, a lockout.
  const s = signedIn.get(r.identity);
  if (s && (res.statusCode < 300 || res.statusCode === 401 || res.statusCode === 423)) {
    if (res.statusCode < 300 && op.path === "/api/v1/auth/password")
      await resetUserPassword(t.sys, { userId: s.id, password: TEST_PASSWORD });
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
    if (me.statusCode !== 200) {
      await signIn(r.identity);
      known = null;
    }
  }
}

describe("every route, fuzzed as the public and as each role", () => {
  it("covers the whole API", () => {
    const listed = operations.map((o) => `${o.method} ${o.path}`);
    for (const route of [
      "POST /api/v1/auth/login",
      "POST /api/v1/orgs",
      "PUT /api/v1/users/{id}/roles",
      "POST /api/v1/problems/{id}/review",
      "POST /api/v1/public/ballots",
      "GET /api/v1/stats/regions",
    ])
      expect(listed).toContain(route);
    expect(operations.filter((o) => o.multipart).map((o) => o.path)).toEqual(["/api/v1/attachments"]);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    "%s never answers 5xx, refuses in problem+json and leaves nothing half-written",
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(requestArb(op, pools), (r) => send(op, r)),
        { numRuns: RUNS, examples: examples(op, pools) },
      );
    },
  );

  it("answers unknown paths with a problem, route_not_found unless malformed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
        fc.constantFrom("/api/v1/", "/api/", "/api/v2/", "/"),
        fc.array(
          hostileString.filter((x) => x !== ""),
          { minLength: 1, maxLength: 3 },
        ),
        fc.constantFrom("anonymous", "admin"),
        async (method, prefix, segments, who) => {
          const s = signedIn.get(who);
          const res = await t.app.inject({
            method: method as InjectOptions["method"],
            url: `${prefix}nope/${segments.map(encode).join("/")}`,
            headers: s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {},
          });
          // 400 is as good an answer where a segment is malformed (a NUL byte, say)
          expect([400, 404]).toContain(res.statusCode);
          expectProblem(res, method);
          if (res.statusCode === 404) expect(res.json().code).toBe("route_not_found");
        },
      ),
      { numRuns: 30 },
    );
  });
});
