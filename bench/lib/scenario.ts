import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type Sqlite from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { Api } from "./api.ts";
import type { Load } from "./load.ts";

export interface ScenarioEnv {
  /** The product (`rectify serve`) over the bench database. */
  real: Api;
  /** The bare baseline server (bench/baseline-server.ts) over the same file. */
  baseline: Api;
  dbFile: string;
  /** What the database holds: "provincial" (`npm run bench:data`) or "demo" (the demo seed only). */
  dataset: "provincial" | "demo";
}

/** What a load scenario loads each side with, and any figures to add to its JSON line. */
export interface Prepared {
  real: Load;
  baseline: Load;
  extra?: Record<string, string | number | boolean>;
}

/** A scenario that is not an HTTP load (the daily light sweep): it measures itself. */
export interface JobScenario {
  name: string;
  kind: "job";
  /** Runs after both servers have stopped; returns the fields of its JSON line. */
  run(env: {
    dbFile: string;
    dataDir: string;
    dataset: ScenarioEnv["dataset"];
  }): Promise<Record<string, string | number | boolean>>;
}

/**
 * A scenario that walks many routes one request at a time on a product server of its own (jobs
 * off) and measures itself; no baseline. Runs after the load scenarios.
 */
export interface SweepScenario {
  name: string;
  kind: "sweep";
  run(env: {
    real: Api;
    dataset: ScenarioEnv["dataset"];
    log: (line: string) => void;
  }): Promise<{ failed: boolean; fields: Record<string, unknown> }>;
}

/**
 * One benchmark: the same work done by the product and by a bare handler, measured in the same
 * run on the same database. A file in bench/scenarios/ exporting `scenario` is all it takes.
 */
export interface Scenario {
  /** The `scenario` field of the JSON line (snake_case). */
  name: string;
  /** Reads run with BENCH_READ_CONNECTIONS (50), writes with BENCH_WRITE_CONNECTIONS (10); reads run first. */
  kind: "read" | "write";
  /** Adds data after the demo seed and before either server starts (e.g. a generated dataset). */
  seed?(dbFile: string): Promise<void>;
  /** Registers the bare handler on the baseline server: raw better-sqlite3, no auth, no validation. */
  baseline(app: FastifyInstance, db: Sqlite.Database): void;
  /** Signs in, looks up ids and checks both sides answer alike; returns what each side is loaded with. */
  prepare(env: ScenarioEnv): Promise<Prepared>;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "scenarios");

export type AnyScenario = Scenario | JobScenario | SweepScenario;

/** Every scenario in bench/scenarios/, reads before writes before sweeps before jobs, then by file name. */
export async function loadScenarios(): Promise<AnyScenario[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort();
  const scenarios: AnyScenario[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as {
      scenario?: AnyScenario;
    };
    if (!mod.scenario) throw new Error(`bench/scenarios/${f} exports no \`scenario\``);
    scenarios.push(mod.scenario);
  }
  const rank = (s: AnyScenario) => ({ read: 0, write: 1, sweep: 2, job: 3 })[s.kind];
  return scenarios.sort((a, b) => rank(a) - rank(b));
}
