// `npm run bench`: one JSON line per scenario on stdout; progress on stderr.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { datasetDir, datasetFile, readDataset } from "./dataset/info.ts";
import { Api } from "./lib/api.ts";
import { type Measurement, runLoad, Tally } from "./lib/load.ts";
import { readOptions } from "./lib/options.ts";
import { type Child, freePort, productEnv, runNode, startNode, stop, waitHealthy } from "./lib/process.ts";
import { type JobScenario, loadScenarios, type Scenario, type SweepScenario } from "./lib/scenario.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(root, "bin", "rectify.js");
const BASELINE = path.join(root, "bench", "baseline-server.ts");
const SERVER_CPU = 0;
const LOAD_CPU = 1;

const log = (msg: string) => process.stderr.write(`${msg}\n`);
// Lets the side just measured finish the requests autocannon abandoned at the end, so that work
// (and, for writes, its hold on the SQLite write lock) does not overlap the other side's run.
const settle = () => new Promise((r) => setTimeout(r, 1_000));
const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** Other work on the machine skews both sides; the 1-minute load average says how much there was. */
function logLoad(when: string) {
  const load = os.loadavg()[0];
  const busy = load > 0.5 ? " (the machine is busy: figures will be low and noisy)" : "";
  log(`bench: load average at ${when} ${load.toFixed(2)}${busy}`);
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const describe = (m: Measurement) =>
  `${m.opsPerS.toFixed(0)} ops/s, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms, ${m.ok} ok, ${m.failed} failed`;

async function main(): Promise<number> {
  const opts = readOptions(process.env, os.availableParallelism(), hasTaskset());
  const all = await loadScenarios();
  const unknown = opts.only.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${all.map((s) => s.name)}`);
  const scenarios = opts.only.length ? all.filter((s) => opts.only.includes(s.name)) : all;
  const loads = scenarios.filter((s): s is Scenario => s.kind === "read" || s.kind === "write");
  const sweeps = scenarios.filter((s): s is SweepScenario => s.kind === "sweep");
  const jobs = scenarios.filter((s): s is JobScenario => s.kind === "job");

  // The provincial dataset when `npm run bench:data` has made it (scenarios append to it), else
  // a fresh demo seed in a temporary directory.
  const provincial = readDataset(datasetDir());
  const dataset = provincial ? ("provincial" as const) : ("demo" as const);
  const dataDir = provincial ? datasetDir() : fs.mkdtempSync(path.join(os.tmpdir(), "rectify-bench-"));
  const dbFile = provincial ? datasetFile(dataDir) : path.join(dataDir, "rectify.db");
  const serverEnv = productEnv(dataDir);
  const cpu = opts.pin ? SERVER_CPU : undefined;
  const children: Child[] = [];
  const stopAll = () => Promise.all(children.map((c) => stop(c)));
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  let failures = 0;

  log(
    `bench: ${scenarios.map((s) => s.name).join(", ")}; ${opts.duration} s measured after ${opts.warmup} s warm-up per side; ` +
      `${opts.rounds} segments per side; ${opts.readConnections} connections for reads, ${opts.writeConnections} for writes; ` +
      (opts.pin ? `servers on CPU ${SERVER_CPU}, load on CPU ${LOAD_CPU}` : "unpinned") +
      `; ${dataset} data in ${dataDir}` +
      (provincial
        ? ` (${provincial.problems} problems, ${provincial.tasks} tasks, as of ${provincial.asOf})`
        : ""),
  );
  logLoad("start");
  try {
    if (!provincial) await runNode("seed", [BIN, "seed", "--demo"], serverEnv);
    for (const s of loads) await s.seed?.(dbFile);

    if (loads.length > 0) {
      const realUrl = `http://127.0.0.1:${await freePort()}`;
      const real = startNode("rectify", [BIN, "serve"], { ...serverEnv, PORT: new URL(realUrl).port }, cpu);
      children.push(real);
      await waitHealthy(real, `${realUrl}/readyz`);

      const baseUrl = `http://127.0.0.1:${await freePort()}`;
      const base = startNode(
        "baseline",
        ["--import", "tsx", BASELINE],
        { BENCH_DB_FILE: dbFile, PORT: new URL(baseUrl).port },
        cpu,
      );
      children.push(base);
      await waitHealthy(base, `${baseUrl}/healthz`);

      if (opts.pin)
        execFileSync("taskset", ["-a", "-p", "-c", String(LOAD_CPU), String(process.pid)], { stdio: "pipe" });

      for (const s of loads) {
        const connections = s.kind === "read" ? opts.readConnections : opts.writeConnections;
        const prepared = await s.prepare({
          real: new Api(realUrl),
          baseline: new Api(baseUrl),
          dbFile,
          dataset,
        });
        log(`${s.name}: product ${prepared.real.method} ${prepared.real.path}, ${connections} connections`);
        const sides = [
          { url: realUrl, load: prepared.real, tally: new Tally(), warm: false },
          { url: baseUrl, load: prepared.baseline, tally: new Tally(), warm: false },
        ];
        const segment = opts.duration / opts.rounds;
        for (let r = 0; r < opts.rounds; r++) {
          for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
            if (!side.warm) await runLoad(side.url, side.load, connections, opts.warmup, null);
            side.warm = true;
            await runLoad(side.url, side.load, connections, segment, side.tally);
            await settle();
          }
        }
        const product = sides[0].tally.summary();
        const bare = sides[1].tally.summary();
        log(`${s.name}: product  ${describe(product)}`);
        log(`${s.name}: baseline ${describe(bare)}`);
        if (product.failed || bare.failed || !product.ok || !bare.ok) {
          log(
            `${s.name}: FAILED (status codes: product ${JSON.stringify(product.statusCodes)}, baseline ${JSON.stringify(bare.statusCodes)})`,
          );
          failures += 1;
          continue;
        }
        const line = {
          scenario: s.name,
          ops_per_s: round(product.opsPerS, 1),
          p50_ms: round(product.p50Ms, 3),
          p99_ms: round(product.p99Ms, 3),
          baseline_ops_per_s: round(bare.opsPerS, 1),
          ratio: round(product.opsPerS / bare.opsPerS, 3),
          dataset,
          ...prepared.extra,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    }
  } finally {
    await stopAll();
  }
  for (const s of sweeps) {
    // A product server of its own with the scheduled jobs off, so only the sweep's requests run.
    const url = `http://127.0.0.1:${await freePort()}`;
    const server = startNode(
      "rectify",
      [BIN, "serve"],
      { ...serverEnv, PORT: new URL(url).port, JOBS_IN_SERVE: "0" },
      cpu,
    );
    children.push(server);
    try {
      await waitHealthy(server, `${url}/readyz`);
      if (opts.pin)
        execFileSync("taskset", ["-a", "-p", "-c", String(LOAD_CPU), String(process.pid)], { stdio: "pipe" });
      log(`${s.name}: running`);
      const { failed, fields } = await s.run({ real: new Api(url), dataset, log });
      process.stdout.write(`${JSON.stringify({ scenario: s.name, dataset, ...fields })}\n`);
      if (failed) {
        log(`${s.name}: FAILED (past the bound)`);
        failures += 1;
      }
    } finally {
      await stop(server);
    }
  }
  for (const s of jobs) {
    log(`${s.name}: running`);
    const fields = await s.run({ dbFile, dataDir, dataset });
    process.stdout.write(`${JSON.stringify({ scenario: s.name, dataset, ...fields })}\n`);
  }

  if (loads.some((s) => s.kind === "write")) {
    // Both sides appended to one chain; it must still verify end to end.
    await runNode("audit", [BIN, "audit", "verify"], serverEnv);
  }
  logLoad("end");
  if (provincial) log(`bench: the provincial dataset stays in ${dataDir}`);
  else if (opts.keep) log(`bench: data kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
  return failures ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
