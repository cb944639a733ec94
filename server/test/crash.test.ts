import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The real binary, killed with SIGKILL in the middle of a stream of audited writes: every write it
// acknowledged must be there after a restart, and the audit chain must still verify.

const DEMO_PASSWORD = "Rectify-demo-2026";
const CONCURRENCY = 8;
const ROUNDS = 3;
const pgUrl = process.env.TEST_DATABASE_URL;
const run = promisify(execFile);

let dataDir: string;
let env: NodeJS.ProcessEnv;
let pgDatabase: string | null = null;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-crash-"));
  env = {
    ...process.env,
    NODE_ENV: "development",
    DATA_DIR: dataDir,
    DEMO: "1",
    LOG_LEVEL: "warn",
    WEB_DIST: path.join(dataDir, "no-web"),
    WEB_BUILD: "0",
    ARGON2_MEMORY_KIB: "1024",
  };
  delete env.DATABASE_URL;
  if (pgUrl) {
    pgDatabase = `rectify_crash_${randomBytes(5).toString("hex")}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${pgDatabase}`);
    await c.end();
    const url = new URL(pgUrl);
    url.pathname = `/${pgDatabase}`;
    env.DATABASE_URL = url.toString();
  }
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all([...children].map(exited));
  if (pgDatabase) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
    await c.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/** `rectify serve` on the shared data directory, once /readyz answers. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/rectify.js", "serve"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rectify serve exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`rectify serve not ready after 90 s:\n${out}`);
    const ready = await fetch(`${base}/readyz`).then(
      async (r) => (r.status === 200 ? ((await r.json()) as { engine: string }) : null),
      () => null,
    );
    if (ready) {
      expect(ready.engine).toBe(pgUrl ? "postgres" : "sqlite");
      return { child, base, output: () => out };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("rectify_sid="));
  const body = (await res.json()) as { data: { csrfToken: string } };
  return { cookie: sid as string, csrf: body.data.csrfToken };
}

type Session = Awaited<ReturnType<typeof login>>;

async function getJson<T>(base: string, session: Session, url: string): Promise<T> {
  const res = await fetch(`${base}${url}`, { headers: { cookie: session.cookie } });
  const text = await res.text();
  expect(res.status, `${url}: ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

interface OrgView {
  id: string;
  name: string;
  code: string | null;
}

async function regionId(base: string, session: Session): Promise<string> {
  const roots = await getJson<{ data: OrgView[] }>(base, session, "/api/v1/orgs/tree");
  const region = roots.data.find((o) => o.code === "450000");
  if (!region) throw new Error("no 广西 450000 in the demo tree");
  return region.id;
}

/**
 * Creates departments under the region from CONCURRENCY clients at once and SIGKILLs the server
 * right after the `killAfter`-th acknowledgement, while the other clients' requests are in flight.
 */
async function streamThenKill(
  server: Server,
  session: Session,
  parentId: string,
  round: number,
  killAfter: number,
) {
  const acknowledged: { name: string; id: string }[] = [];
  let next = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed = false;
  const client = async () => {
    while (!killed) {
      const name = `crash-r${round}-${next++}`;
      inFlight += 1;
      try {
        const res = await fetch(`${server.base}/api/v1/orgs`, {
          method: "POST",
          headers: {
            cookie: session.cookie,
            "x-csrf-token": session.csrf,
            "content-type": "application/json",
          },
          body: JSON.stringify({ parentId, name, kind: "department" }),
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`create ${name}: ${res.status} ${text}`);
        acknowledged.push({ name, id: (JSON.parse(text) as { data: OrgView }).data.id });
      } catch (e) {
        if (!killed) throw e; // after the kill, cut-off requests are expected
      } finally {
        inFlight -= 1;
      }
      if (!killed && acknowledged.length >= killAfter) {
        killed = true;
        inFlightAtKill = inFlight;
        server.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  await exited(server.child);
  expect(server.child.signalCode).toBe("SIGKILL");
  return { acknowledged, attempted: next, inFlightAtKill };
}

async function auditVerify() {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/rectify.js", "audit", "verify"], {
      env,
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** Every org.created event in the trail whose name is one of ours, read as the demo auditor. */
async function auditedCrashOrgs(base: string): Promise<string[]> {
  const auditor = await login(base, "auditor");
  const names: string[] = [];
  let before: number | null = null;
  do {
    const page: { data: { data: { name?: string } }[]; nextBefore: number | null } = await getJson(
      base,
      auditor,
      `/api/v1/audit?type=org.created&limit=200${before ? `&before=${before}` : ""}`,
    );
    for (const e of page.data) if (e.data.name?.startsWith("crash-")) names.push(e.data.name);
    before = page.nextBefore;
  } while (before);
  return names;
}

describe(`rectify serve killed with SIGKILL mid-stream (${pgUrl ? "postgres" : "sqlite"})`, () => {
  it("keeps every acknowledged write and a verifiable audit chain, round after round", async () => {
    const acknowledged: { name: string; id: string }[] = [];
    let server = await startServer();
    for (let round = 1; round <= ROUNDS; round++) {
      const admin = await login(server.base, "admin");
      const parentId = await regionId(server.base, admin);
      const killAfter = randomInt(50, 301);
      const r = await streamThenKill(server, admin, parentId, round, killAfter);
      expect(r.acknowledged.length).toBeGreaterThanOrEqual(killAfter);
      expect(r.inFlightAtKill, "requests in flight at the kill").toBeGreaterThan(0);
      acknowledged.push(...r.acknowledged);

      server = await startServer();
      const check = await login(server.base, "admin");
      const mine = await getJson<{ data: OrgView[] }>(
        server.base,
        check,
        `/api/v1/orgs?parentId=${parentId}&q=crash-r${round}-&limit=500`,
      );
      const found = new Map(mine.data.map((o) => [o.name, o.id]));
      const lost = r.acknowledged.filter((a) => found.get(a.name) !== a.id).map((a) => a.name);
      expect(lost, `acknowledged but lost after round ${round}`).toEqual([]);
      // nothing beyond what was sent, and nothing twice
      expect(mine.data.length).toBe(found.size);
      expect(mine.data.length).toBeLessThanOrEqual(r.attempted);

      const verified = await auditVerify();
      expect(verified.code, `${verified.out}\n${server.output()}`).toBe(0);
      expect(verified.out).toMatch(/audit chain ok/);
    }

    // after the last restart: every acknowledged org of every round is there, and the org rows
    // and their org.created events committed together or not at all
    const admin = await login(server.base, "admin");
    const survivors = new Map<string, string>();
    for (let round = 1; round <= ROUNDS; round++) {
      const page = await getJson<{ data: OrgView[] }>(
        server.base,
        admin,
        `/api/v1/orgs?q=crash-r${round}-&limit=500`,
      );
      for (const o of page.data) survivors.set(o.name, o.id);
    }
    expect(acknowledged.filter((a) => survivors.get(a.name) !== a.id)).toEqual([]);
    const audited = await auditedCrashOrgs(server.base);
    expect([...audited].sort()).toEqual([...survivors.keys()].sort());

    server.child.kill("SIGTERM");
    await exited(server.child);
  }, 300_000);
});
