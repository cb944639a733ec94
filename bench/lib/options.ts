/** Settings of one bench run, read from the environment (README lists them). */
export interface BenchOptions {
  /** Seconds measured per side. */
  duration: number;
  /** Seconds of discarded load before each side's first segment (JIT, page cache). */
  warmup: number;
  /**
   * The measured seconds are split into this many segments per side, run product, baseline,
   * baseline, product, … so a drift in machine load falls on both sides alike.
   */
  rounds: number;
  readConnections: number;
  writeConnections: number;
  /** Scenario names to run; empty runs all. */
  only: string[];
  /** Pin each server to CPU 0 and the load generator to CPU 1. */
  pin: boolean;
  /** Keep the temporary data directory for inspection. */
  keep: boolean;
}

function positive(name: string, value: string | undefined, dflt: number): number {
  if (value === undefined || value === "") return dflt;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

function flag(value: string | undefined): boolean | null {
  if (value === undefined || value === "" || value === "auto") return null;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

export function readOptions(env: NodeJS.ProcessEnv, cpus: number, canPin: boolean): BenchOptions {
  return {
    duration: positive("BENCH_DURATION", env.BENCH_DURATION, 10),
    warmup: positive("BENCH_WARMUP", env.BENCH_WARMUP, 2),
    rounds: Math.round(positive("BENCH_ROUNDS", env.BENCH_ROUNDS, 2)),
    readConnections: Math.round(positive("BENCH_READ_CONNECTIONS", env.BENCH_READ_CONNECTIONS, 50)),
    writeConnections: Math.round(positive("BENCH_WRITE_CONNECTIONS", env.BENCH_WRITE_CONNECTIONS, 10)),
    only: (env.BENCH_ONLY ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    pin: (flag(env.BENCH_PIN) ?? true) && canPin && cpus >= 2,
    keep: flag(env.BENCH_KEEP) ?? false,
  };
}
