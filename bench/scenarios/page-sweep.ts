import { DEMO_PASSWORD } from "../../server/domain/demo/demo.commands.ts";
import type { Api, Session } from "../lib/api.ts";
import type { SweepScenario } from "../lib/scenario.ts";

// Every demo role account (README, 演示账号).
const ROLES = ["admin", "zgb", "ddz", "leader", "auditor", "nanning", "xingning", "liuzhou"];
const P50_BOUND_MS = 100;
const P99_BOUND_MS = 250;

// The query each page of the web app sends by default (web/pages, web/api); routes not named here
// are called with the schema's own defaults.
const WEB_DEFAULTS: Record<string, string> = {
  "/api/v1/problems": "limit=20&offset=0",
  "/api/v1/tasks": "limit=20&offset=0",
  "/api/v1/responsibilities": "limit=20&offset=0",
  "/api/v1/notices": "limit=200",
  "/api/v1/escalation-proposals": "status=pending",
  "/api/v1/notifications": "limit=20&offset=0",
  "/api/v1/users": "limit=20&offset=0",
  "/api/v1/audit": "limit=50",
};

// Where a path parameter comes from when it is not "the first row of the list the path starts
// with" (e.g. /api/v1/problems/{id}/timeline ← GET /api/v1/problems).
const ID_SOURCES: Record<string, { list: string; pick: (body: unknown) => unknown }> = {
  "/api/v1/calendar/{year}": { list: "/api/v1/calendar", pick: (b) => firstOf(b, "year") ?? 2026 },
  "/api/v1/joint-meetings/sessions/{id}": {
    list: "/api/v1/joint-meetings/{meeting}",
    pick: (b) => firstOf((b as { data?: { sessions?: unknown } })?.data?.sessions, "id"),
  },
  "/api/v1/attachments/{id}": {
    list: "/api/v1/problems/{problem}",
    pick: (b) => {
      const d = (b as { data?: { closeoutEvidence?: unknown[]; reports?: { attachments: unknown[] }[] } })
        ?.data;
      const files = [...(d?.closeoutEvidence ?? []), ...(d?.reports ?? []).flatMap((r) => r.attachments)];
      return firstOf(files, "id");
    },
  },
};

// Checked on demand by a button, not paged: verifying the whole hash chain reads every event.
const ON_DEMAND = new Set(["/api/v1/audit/verify"]);

interface RouteSpec {
  template: string;
  /** Answers a file (no JSON response schema): timed, but listed apart from the bound. */
  file: boolean;
}

interface Timing {
  route: string;
  role: string;
  path: string;
  p50_ms: number;
  p99_ms: number;
  n: number;
  status: number;
  file: boolean;
}

function firstOf(body: unknown, field: string): unknown {
  const rows = Array.isArray(body) ? body : (body as { data?: unknown })?.data;
  if (!Array.isArray(rows) || rows.length === 0) return undefined;
  return (rows[0] as Record<string, unknown>)[field];
}

/** Nearest-rank percentile of a sorted array. */
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const r2 = (n: number) => Number(n.toFixed(2));

async function timed(
  api: Api,
  path: string,
  cookie: string,
): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(`${api.url}${path}`, { headers: { cookie, "accept-language": "zh-CN" } });
  const text = await res.text();
  return { ms: performance.now() - t0, status: res.status, text };
}

async function getRoutes(api: Api): Promise<RouteSpec[]> {
  const spec = await api.ok<{
    paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, unknown> }> } }>;
  }>("GET", "/openapi.json");
  return Object.entries(spec.paths)
    .filter(([, ops]) => ops.get)
    .map(([template, ops]) => ({ template, file: !ops.get?.responses?.["200"]?.content }));
}

/** Fills the path parameters of `template` from ids this session can see; null when it sees none. */
async function resolvePath(
  api: Api,
  template: string,
  cookie: string,
  depth = 0,
): Promise<{ path: string } | { missing: string }> {
  if (!template.includes("{")) {
    const q = WEB_DEFAULTS[template];
    return { path: q ? `${template}?${q}` : template };
  }
  if (depth > 3) return { missing: "too deep" };
  const head = template.slice(0, template.indexOf("/{"));
  const rest = template.slice(template.indexOf("}") + 1);
  const source = ID_SOURCES[template.slice(0, template.indexOf("}") + 1)];
  // /api/v1/joint-meetings/{meeting} and /api/v1/problems/{problem}: detail pages reached from a list.
  const listTemplate = source?.list ?? head;
  const listed = await resolvePath(api, listTemplate, cookie, depth + 1);
  if ("missing" in listed) return listed;
  const res = await timed(api, listed.path, cookie);
  if (res.status !== 200) return { missing: `${listed.path} answered ${res.status}` };
  const body = JSON.parse(res.text) as unknown;
  const id = source ? source.pick(body) : firstOf(body, "id");
  if (id === undefined || id === null) return { missing: `no row in ${listed.path}` };
  const filled = `${head}/${encodeURIComponent(String(id))}${rest}`;
  return resolvePath(api, filled, cookie, depth + 1);
}

/** Times one path for one session: a warm-up request, then `samples` requests one at a time (fewer when slow). */
async function measure(
  api: Api,
  path: string,
  cookie: string,
  samples: number,
  budgetMs: number,
): Promise<{ sorted: number[]; status: number }> {
  const warm = await timed(api, path, cookie);
  const times: number[] = [];
  let status = warm.status;
  let spent = 0;
  for (let i = 0; i < samples; i++) {
    const r = await timed(api, path, cookie);
    times.push(r.ms);
    status = r.status;
    spent += r.ms;
    if (spent > budgetMs && times.length >= 3) break;
  }
  return { sorted: times.sort((a, b) => a - b), status };
}

/**
 * 全页面巡检: every GET route of /openapi.json, for every demo role, one request at a time on a
 * warm server; each route p50 ≤ 100 ms and p99 ≤ 250 ms for every role.
 */
export const scenario: SweepScenario = {
  name: "page_sweep",
  kind: "sweep",

  async run({ real, log }) {
    const samples = Number(process.env.BENCH_SWEEP_SAMPLES || 20);
    const budgetMs = Number(process.env.BENCH_SWEEP_BUDGET_MS || 5_000);
    const routes = (await getRoutes(real)).filter((r) => !ON_DEMAND.has(r.template));
    const sessions: [string, Session][] = [];
    for (const role of ROLES) sessions.push([role, await real.login(role, DEMO_PASSWORD)]);

    const timings: Timing[] = [];
    const skipped: { route: string; role: string; why: string }[] = [];
    for (const [role, session] of sessions) {
      // Warm-up pass: every route once for this role before any is measured.
      const resolved: [RouteSpec, string][] = [];
      for (const r of routes) {
        const p = await resolvePath(real, r.template, session.cookie);
        if ("missing" in p) skipped.push({ route: r.template, role, why: p.missing });
        else {
          resolved.push([r, p.path]);
          await timed(real, p.path, session.cookie);
        }
      }
      for (const [r, path] of resolved) {
        const m = await measure(real, path, session.cookie, samples, budgetMs);
        const t: Timing = {
          route: r.template,
          role,
          path,
          p50_ms: r2(pct(m.sorted, 50)),
          p99_ms: r2(pct(m.sorted, 99)),
          n: m.sorted.length,
          status: m.status,
          file: r.file,
        };
        timings.push(t);
        if (t.p50_ms > P50_BOUND_MS || t.p99_ms > P99_BOUND_MS || t.status >= 500)
          log(`page_sweep: ${role} ${path} p50 ${t.p50_ms} ms p99 ${t.p99_ms} ms (${t.status}, n=${t.n})`);
      }
      log(`page_sweep: ${role} done (${resolved.length} routes)`);
    }

    const bounded = timings.filter((t) => !t.file);
    const over = bounded.filter((t) => t.p50_ms > P50_BOUND_MS || t.p99_ms > P99_BOUND_MS || t.status >= 500);
    const slowest = [...bounded].sort((a, b) => b.p99_ms - a.p99_ms).slice(0, 10);
    const files = timings.filter((t) => t.file).sort((a, b) => b.p99_ms - a.p99_ms);
    const row = (t: Timing) =>
      `${t.route.padEnd(52)} ${t.role.padEnd(9)} ${t.p50_ms.toFixed(1).padStart(9)} ${t.p99_ms.toFixed(1).padStart(9)} ${String(t.status).padStart(6)}`;
    log(`page_sweep: slowest ten (of ${bounded.length} route × role pairs)`);
    log(
      `${"route".padEnd(52)} ${"role".padEnd(9)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"status".padStart(6)}`,
    );
    for (const t of slowest) log(row(t));
    if (files.length) {
      log("page_sweep: file downloads (not bound)");
      for (const t of files.slice(0, 5)) log(row(t));
    }
    for (const s of skipped) log(`page_sweep: not timed ${s.role} ${s.route}: ${s.why}`);
    log(`page_sweep: ${over.length} over the bound (p50 ≤ ${P50_BOUND_MS} ms, p99 ≤ ${P99_BOUND_MS} ms)`);

    const brief = (t: Timing) => ({
      route: t.route,
      role: t.role,
      p50_ms: t.p50_ms,
      p99_ms: t.p99_ms,
      status: t.status,
    });
    return {
      failed: over.length > 0,
      fields: {
        roles: ROLES.length,
        routes: routes.length,
        timed: bounded.length,
        not_timed: skipped.length,
        over_bound: over.length,
        worst_p50_ms: Math.max(...bounded.map((t) => t.p50_ms)),
        worst_p99_ms: Math.max(...bounded.map((t) => t.p99_ms)),
        p50_bound_ms: P50_BOUND_MS,
        p99_bound_ms: P99_BOUND_MS,
        slowest: slowest.map(brief),
        files: files.slice(0, 5).map(brief),
        on_demand: [...ON_DEMAND],
      },
    };
  },
};
