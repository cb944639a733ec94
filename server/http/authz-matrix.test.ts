import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../contract/enums.ts";
import { type TestApp, testApp } from "../test/support.ts";

/**
 * Every API route × every role × a target inside and outside the caller's subtree.
 * Callers hold their role at 南宁市 (450100); "in" targets live under 兴宁区 (450102),
 * "out" targets under 柳州市's 城中区 (450202). Any 2xx on an out-of-scope target, any list
 * that shows one, or any route missing from this table fails the test.
 */
type Scope = "in" | "out";
type Call = { method: "GET" | "POST" | "PUT" | "PATCH"; url: string; body?: unknown };
interface Case {
  /** Roles that succeed on an in-scope target; everyone else is refused. */
  allowed: readonly Role[] | "all";
  /** Builds the request for a target in or out of scope. */
  request: (scope: Scope) => Promise<Call>;
  /** For lists: ids that must never appear when the caller is out of scope. */
  list?: boolean;
  /** Routes that act only on the caller themselves (no target to be out of scope). */
  self?: boolean;
}

let t: TestApp;
const callers = new Map<Role, Awaited<ReturnType<TestApp["as"]>>>();
const countyOf = (s: Scope) => (s === "in" ? "450102" : "450202");
const freshOrg = async (s: Scope) => (await t.build.org({ parentCode: countyOf(s) })).id;
const freshUser = async (s: Scope) => (await t.build.user({ roles: [["unit_staff", countyOf(s)]] })).id;

const CASES: Record<string, Case> = {
  "GET /api/v1/auth/me": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/auth/me" }),
  },
  "GET /api/v1/orgs/tree": {
    allowed: "all",
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/orgs/tree" }),
  },
  "GET /api/v1/orgs": {
    allowed: "all",
    list: true,
    request: async (s) => ({ method: "GET", url: `/api/v1/orgs?parentId=${t.org(countyOf(s)).id}` }),
  },
  "GET /api/v1/orgs/:id": {
    allowed: "all",
    request: async (s) => ({ method: "GET", url: `/api/v1/orgs/${t.org(countyOf(s)).id}` }),
  },
  "POST /api/v1/orgs": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/orgs",
      body: { parentId: t.org(countyOf(s)).id, name: "新单位", kind: "unit" },
    }),
  },
  "PATCH /api/v1/orgs/:id": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/orgs/${await freshOrg(s)}`,
      body: { name: "改名" },
    }),
  },
  "POST /api/v1/orgs/:id/move": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/orgs/${await freshOrg(s)}/move`,
      body: { parentId: t.org(s === "in" ? "450103" : "450203").id },
    }),
  },
  "POST /api/v1/orgs/:id/deactivate": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/orgs/${await freshOrg(s)}/deactivate` }),
  },
  "POST /api/v1/orgs/:id/activate": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/orgs/${await freshOrg(s)}/activate` }),
  },
  "GET /api/v1/users": {
    allowed: ["admin"],
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/users?limit=200" }),
  },
  "GET /api/v1/users/:id": {
    allowed: ["admin"],
    request: async (s) => ({ method: "GET", url: `/api/v1/users/${await freshUser(s)}` }),
  },
  "POST /api/v1/users": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/users",
      body: {
        username: `m${Math.random().toString(36).slice(2, 10)}`,
        displayName: "新用户",
        password: "a-long-enough-password",
        orgId: t.org(countyOf(s)).id,
        roles: [{ role: "unit_staff", orgId: t.org(countyOf(s)).id }],
      },
    }),
  },
  "PATCH /api/v1/users/:id": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/users/${await freshUser(s)}`,
      body: { displayName: "改名" },
    }),
  },
  "PUT /api/v1/users/:id/roles": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/users/${await freshUser(s)}/roles`,
      body: { roles: [{ role: "unit_lead", orgId: t.org(countyOf(s)).id }] },
    }),
  },
  "POST /api/v1/users/:id/password": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/users/${await freshUser(s)}/password`,
      body: { password: "another-long-password" },
    }),
  },
  "POST /api/v1/users/:id/unlock": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/users/${await freshUser(s)}/unlock` }),
  },
  "GET /api/v1/audit": {
    allowed: ["auditor"],
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/audit?limit=200" }),
  },
  "GET /api/v1/audit/verify": {
    allowed: ["auditor"],
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/audit/verify" }),
  },
};

/** Routes open without a session, or that act only on the caller's own session/account. */
const NOT_SCOPED = new Set([
  "GET /healthz",
  "GET /readyz",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "POST /api/v1/auth/mfa/verify",
  "POST /api/v1/auth/mfa/enrol",
  "POST /api/v1/auth/mfa/activate",
  "POST /api/v1/auth/password",
]);

const outsidePaths = async () =>
  new Set(
    (
      await t.database.db.selectFrom("orgs").select("id").where("path", "like", "/450000/450200/%").execute()
    ).map((o) => o.id),
  );

beforeAll(async () => {
  t = await testApp();
  for (const role of ROLES) {
    await t.build.user({ username: `m_${role}`, roles: [[role, "450100"]] });
    callers.set(role, await t.as(`m_${role}`));
  }
  // Something out of scope in every list: an org, a user and their audit events under 柳州.
  await freshOrg("out");
  await freshUser("out");
});
afterAll(() => t.close());

describe("authorization matrix", () => {
  it("covers every route the API documents", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(spec.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const missing = documented.filter((r) => !(r in CASES) && !NOT_SCOPED.has(r));
    expect(missing).toEqual([]);
  });

  for (const [route, c] of Object.entries(CASES)) {
    for (const role of ROLES) {
      const allowed = c.allowed === "all" || c.allowed.includes(role);
      it(`${route} as ${role}: ${allowed ? "allowed" : "refused"} in scope, nothing leaks out of scope`, async () => {
        const call = callers.get(role)!;
        const inReq = await c.request("in");
        const inRes = await call(inReq.method, inReq.url, inReq.body);
        if (allowed) expect(inRes.statusCode, inRes.body).toBe(200);
        else expect([403, 404], inRes.body).toContain(inRes.statusCode);
        if (c.self) return;

        const outReq = await c.request("out");
        const outRes = await call(outReq.method, outReq.url, outReq.body);
        if (c.list) {
          if (outRes.statusCode !== 200) {
            expect(allowed).toBe(false);
            return;
          }
          const outside = await outsidePaths();
          const body = outRes.json() as {
            data: { id?: string; orgId?: string; path?: string; scopePath?: string }[];
          };
          for (const row of body.data) {
            expect(row.path ?? "").not.toMatch(/^\/450000\/450200\//);
            if (row.orgId) expect(outside.has(row.orgId)).toBe(false);
          }
          if (route === "GET /api/v1/audit") {
            const ids = body.data.map((r) => (r as { entityId?: string }).entityId);
            for (const id of ids) expect(outside.has(id ?? "")).toBe(false);
          }
        } else {
          expect(outRes.statusCode, `${outReq.method} ${outReq.url} ${outRes.body}`).toBe(404);
        }
      });
    }
  }

  it("refuses every scoped route without a session", async () => {
    for (const c of Object.values(CASES)) {
      const req = await c.request("in");
      const res = await t.app.inject({ method: req.method, url: req.url, payload: req.body as never });
      expect(res.statusCode).toBe(401);
    }
  });
});
