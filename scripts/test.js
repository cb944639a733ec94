#!/usr/bin/env node
// `npm test`: every suite on every engine it can reach, then one line "N passed, N failed".
// REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 turn a skipped suite into a failure (CI sets both).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const PG_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const requirePg = process.env.REQUIRE_POSTGRES === "1";
const requireBrowser = process.env.REQUIRE_BROWSER === "1";
const only = process.argv.slice(2);

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const hasPg = await postgresReachable();
const hasBrowser = fs.existsSync(CHROMIUM);
// Commits on the test databases need not wait for the disk: a test never survives a server crash.
const PG_ENV = { TEST_DATABASE_URL: PG_URL, PGOPTIONS: "-c synchronous_commit=off" };
const suites = [
  { name: "sqlite", config: "vitest.config.ts", env: {} },
  // PostgreSQL tests mostly wait on the server, so more of them run at once.
  { name: "postgres", config: "vitest.config.ts", env: PG_ENV, needs: "postgres", args: ["--maxWorkers=3"] },
  { name: "browser-sqlite", config: "e2e/vitest.config.ts", env: {}, needs: "browser" },
  { name: "browser-postgres", config: "e2e/vitest.config.ts", env: PG_ENV, needs: "browser+postgres" },
].filter((s) => only.length === 0 || only.includes(s.name));

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedSuites = [];
fs.mkdirSync(".tmp", { recursive: true });

function skipReason(suite) {
  const why = [];
  if (suite.needs?.includes("postgres") && !hasPg) why.push(`PostgreSQL is not reachable at ${PG_URL}`);
  if (suite.needs?.includes("browser") && !hasBrowser)
    why.push(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return why.join("; ");
}

/** Runs one suite with its output in a log file, printed whole when it ends; resolves to its results. */
function runSuite(suite) {
  const out = path.join(".tmp", `vitest-${suite.name}.json`);
  const log = path.join(".tmp", `vitest-${suite.name}.log`);
  fs.rmSync(out, { force: true });
  console.log(`suite ${suite.name} started`);
  const logFd = fs.openSync(log, "w");
  const child = spawn(
    "npx",
    [
      "vitest",
      "run",
      "--config",
      suite.config,
      ...(suite.args ?? []),
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${out}`,
    ],
    {
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, ...suite.env, CHROMIUM_PATH: CHROMIUM },
    },
  );
  return new Promise((resolve) => {
    child.on("close", (code) => {
      fs.closeSync(logFd);
      console.log(`\n=== suite ${suite.name} ===`);
      process.stdout.write(fs.readFileSync(log, "utf8"));
      if (!fs.existsSync(out)) {
        console.log(`suite ${suite.name} produced no results (exit ${code})`);
        totals.failed += 1;
        return resolve();
      }
      const r = JSON.parse(fs.readFileSync(out, "utf8"));
      const brokenFiles = r.testResults.filter(
        (f) => f.status === "failed" && f.assertionResults.length === 0,
      ).length;
      totals.passed += r.numPassedTests;
      totals.failed += r.numFailedTests + brokenFiles;
      totals.skipped += r.numPendingTests + r.numTodoTests;
      if (r.numTotalTests === 0) {
        console.log(`suite ${suite.name} ran no test`);
        totals.failed += 1;
      }
      resolve();
    });
  });
}

const runnable = [];
for (const suite of suites) {
  const why = skipReason(suite);
  if (why) {
    console.log(`SKIPPED suite ${suite.name}: ${why}`);
    skippedSuites.push(suite.name);
  } else runnable.push(suite);
}

// The browser suites share one web bundle: build it once, before they start.
if (runnable.some((s) => s.needs?.includes("browser"))) {
  const build = spawnSync(
    "node",
    [
      "--import",
      "tsx",
      "-e",
      'await (await import("./server/cli/web-build.ts")).ensureWebBuilt((await import("node:path")).resolve("web/dist"), console.log)',
    ],
    { stdio: "inherit" },
  );
  if (build.status !== 0) {
    console.log("the web bundle did not build");
    totals.failed += 1;
  }
}

// Two lanes side by side, one per engine; each runs its unit suite, then its browser suite.
const lanes = [
  runnable.filter((s) => !s.env.TEST_DATABASE_URL),
  runnable.filter((s) => s.env.TEST_DATABASE_URL),
];
await Promise.all(
  lanes.map(async (lane) => {
    for (const suite of lane) await runSuite(suite);
  }),
);

const mustRun = skippedSuites.filter(
  (s) => (requirePg && s.includes("postgres")) || (requireBrowser && s.includes("browser")),
);
for (const s of mustRun)
  console.log(`FAILED: suite ${s} was skipped but REQUIRE_POSTGRES/REQUIRE_BROWSER demand it`);
totals.failed += mustRun.length;
if ((requirePg || requireBrowser) && totals.skipped > 0) {
  console.log(`FAILED: ${totals.skipped} test(s) skipped under REQUIRE_*`);
  totals.failed += totals.skipped;
}
console.log(
  `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
);
process.exit(totals.failed > 0 ? 1 : 0);
