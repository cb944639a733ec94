import type { Ctx } from "../context.ts";
import { publicReviewsJob } from "./public-reviews.job.ts";
import { warningsJob } from "./warnings.job.ts";

export interface Job {
  name: string;
  everyMs: number;
  run: (ctx: Ctx) => Promise<Record<string, unknown>>;
}

export const JOBS: Job[] = [publicReviewsJob, warningsJob];

/** Runs each job on its interval inside `serve`; a failing run is logged and retried next time. */
export function startScheduler(ctx: Ctx): () => void {
  const timers = JOBS.map((job) =>
    setInterval(() => {
      job.run(ctx).then(
        (result) => ctx.log.info({ job: job.name, ...result }, "job done"),
        (err) => ctx.log.error({ job: job.name, err }, "job failed"),
      );
    }, job.everyMs),
  );
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
