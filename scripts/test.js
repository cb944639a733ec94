#!/usr/bin/env node
// `npm test`: every suite on every engine it can reach, then one line "N passed, N failed".
// REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 turn a skipped suite into a failure (CI sets both).
import { spawnSync } from "node:child_process";
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
const suites = [
  { name: "sqlite", config: "vitest.config.ts", env: {} },
  { name: "postgres", config: "vitest.config.ts", env: { TEST_DATABASE_URL: PG_URL }, needs: "postgres" },
  { name: "browser-sqlite", config: "e2e/vitest.config.ts", env: {}, needs: "browser" },
  {
    name: "browser-postgres",
    config: "e2e/vitest.config.ts",
    env: { TEST_DATABASE_URL: PG_URL },
    needs: "browser+postgres",
  },
].filter((s) => only.length === 0 || only.includes(s.name));

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedSuites = [];
fs.mkdirSync(".tmp", { recursive: true });

for (const suite of suites) {
  const why = [];
  if (suite.needs?.includes("postgres") && !hasPg) why.push(`PostgreSQL is not reachable at ${PG_URL}`);
  if (suite.needs?.includes("browser") && !hasBrowser)
    why.push(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  if (why.length > 0) {
    console.log(`SKIPPED suite ${suite.name}: ${why.join("; ")}`);
    skippedSuites.push(suite.name);
    continue;
  }
  const out = path.join(".tmp", `vitest-${suite.name}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n=== suite ${suite.name} ===`);
  const run = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      "--config",
      suite.config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${out}`,
    ],
    { stdio: "inherit", env: { ...process.env, ...suite.env, CHROMIUM_PATH: CHROMIUM } },
  );
  if (!fs.existsSync(out)) {
    console.log(`suite ${suite.name} produced no results (exit ${run.status})`);
    totals.failed += 1;
    continue;
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
}

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
