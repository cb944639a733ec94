import autocannon, { type Request } from "autocannon";

/** What one side of a scenario is loaded with: one request shape, optionally a fresh body each time. */
export interface Load {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  headers?: Record<string, string>;
  /** Called for every request (e.g. unique names for inserts). */
  body?: () => string;
  /** Called for every request instead of `path` (e.g. to spread writes over many items). */
  paths?: () => string;
}

export interface Measurement {
  opsPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** Successful (2xx) responses counted. */
  ok: number;
  /** Non-2xx responses and socket errors (timeouts count as errors). */
  failed: number;
  statusCodes: Record<string, number>;
}

function toRequest(load: Load): Request {
  const req: Request = { method: load.method, path: load.path, headers: load.headers ?? {} };
  const { body, paths } = load;
  if (body || paths) {
    req.setupRequest = (r) => {
      if (body) r.body = body();
      if (paths) r.path = paths();
      return r;
    };
  }
  return req;
}

/** Grows as latencies arrive; autocannon's own histogram truncates to whole milliseconds. */
class Samples {
  private values = new Float64Array(1 << 16);
  private n = 0;
  push(v: number) {
    if (this.n === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = v;
  }
  get count() {
    return this.n;
  }
  /** Nearest-rank percentile. */
  percentile(p: number): number {
    if (this.n === 0) return Number.NaN;
    const sorted = this.values.subarray(0, this.n).sort();
    return sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))];
  }
}

/** What one side accumulates over its measured segments. */
export class Tally {
  readonly samples = new Samples();
  seconds = 0;
  failed = 0;
  readonly statusCodes: Record<string, number> = {};

  summary(): Measurement {
    return {
      opsPerS: this.samples.count / this.seconds,
      p50Ms: this.samples.percentile(50),
      p99Ms: this.samples.percentile(99),
      ok: this.samples.count,
      failed: this.failed,
      statusCodes: this.statusCodes,
    };
  }
}

/**
 * Closed-loop load for `seconds` (autocannon ends on a whole-second tick; the real elapsed time
 * is what counts). With a tally the segment is measured, without one it is a warm-up.
 */
export function runLoad(
  baseUrl: string,
  load: Load,
  connections: number,
  seconds: number,
  tally: Tally | null,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [toRequest(load)],
      },
      (err, result) => {
        if (err) return reject(err);
        if (tally) {
          tally.seconds += result.duration;
          tally.failed += result.non2xx + result.errors;
          for (const [code, s] of Object.entries(result.statusCodeStats))
            tally.statusCodes[code] = (tally.statusCodes[code] ?? 0) + s.count;
        }
        resolve();
      },
    );
    if (tally) {
      instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (status >= 200 && status < 300) tally.samples.push(ms);
      });
    }
  });
}
