import { hostname } from "node:os";
import type { Config } from "../config.ts";
import type { Ctx } from "../context.ts";
import { auditCheckpointJob } from "./audit-checkpoint.job.ts";
import { auditVerifyJob } from "./audit-verify.job.ts";
import { backupJob } from "./backup.job.ts";
import { deliverNotificationsJob } from "./deliver-notifications.job.ts";
import { claimJobSlot, finishJobSlot } from "./lease.ts";
import { lightsJob } from "./lights.job.ts";
import { publicReviewsJob } from "./public-reviews.job.ts";
import { rateLimitsJob } from "./rate-limits.job.ts";
import { warningsJob } from "./warnings.job.ts";

export interface Job {
  name: string;
  /** Default interval; `JOB_INTERVALS` may override it per job. */
  everyMs: number;
  run: (ctx: Ctx) => Promise<Record<string, unknown>>;
  /**
   * Default true: each run slot (floor(now / everyMs)) runs on one instance only, through the
   * lease row. False for jobs whose own claims make parallel runs safe (notification delivery).
   */
  exclusive?: boolean;
  /** What `--dry-run` reports when running inside a rolled-back transaction is not enough (sending). */
  dryRun?: (ctx: Ctx) => Promise<Record<string, unknown>>;
  /** Whether the scheduler runs it under this configuration (default: always). */
  enabled?: (config: Config) => boolean;
}

export const JOBS: Job[] = [
  publicReviewsJob,
  deliverNotificationsJob,
  lightsJob,
  warningsJob,
  backupJob,
  rateLimitsJob,
  auditCheckpointJob,
  auditVerifyJob,
];

/** The job's interval after the `JOB_INTERVALS` setting. */
export const intervalOf = (config: Config, job: Job): number => config.jobIntervals[job.name] ?? job.everyMs;

/** A name for this process in the lease table and the logs. */
export const instanceName = () => `${hostname()}:${process.pid}`;

/**
 * One scheduled run: claims the slot (exclusive jobs), runs, records the outcome. Returns null when
 * another instance had the slot.
 */
export async function runScheduledJob(
  ctx: Ctx,
  job: Job,
  instance: string,
): Promise<Record<string, unknown> | null> {
  const slot = Math.floor(ctx.now().getTime() / intervalOf(ctx.config, job));
  const exclusive = job.exclusive !== false;
  if (exclusive && !(await claimJobSlot(ctx, job.name, slot, instance))) return null;
  try {
    const result = await job.run(ctx);
    if (exclusive) await finishJobSlot(ctx, job.name, slot, { result });
    ctx.log.info({ job: job.name, slot, instance, ...result }, "job done");
    return result;
  } catch (err) {
    if (exclusive) await finishJobSlot(ctx, job.name, slot, { error: String(err) }).catch(() => {});
    ctx.log.error({ job: job.name, slot, instance, err }, "job failed");
    throw err;
  }
}

/**
 * Runs each job on its interval (in `serve` and in `rectify worker`); a run still going when the
 * next is due is not doubled; a failing run is logged and tried again next time. The returned stop
 * function clears the timers and resolves once the runs in progress have ended.
 */
export function startScheduler(
  ctx: Ctx,
  opts: { jobs?: Job[]; instance?: string } = {},
): () => Promise<void> {
  const instance = opts.instance ?? instanceName();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  const jobs = opts.jobs ?? JOBS.filter((j) => j.enabled?.(ctx.config) ?? true);
  const timers = jobs.map((job) =>
    setInterval(
      () => {
        if (stopped || running.has(job.name)) return;
        const run = runScheduledJob(ctx, job, instance)
          .catch(() => {})
          .finally(() => running.delete(job.name));
        running.set(job.name, run);
      },
      intervalOf(ctx.config, job),
    ),
  );
  for (const t of timers) t.unref();
  return async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.all(running.values());
  };
}
