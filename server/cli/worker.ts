import { type Ctx, systemContext } from "../context.ts";
import { checkpointOnShutdown } from "../jobs/audit-checkpoint.job.ts";
import { instanceName, type Job, startScheduler } from "../jobs/scheduler.ts";
import { openDatabase } from "./runtime.ts";

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** JSON lines on stdout, like pino's, without the HTTP server. */
export function lineLogger(level: string): Ctx["log"] {
  const min = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const at = (name: (typeof LEVELS)[number]) => (obj: unknown, msg?: string) => {
    if (level === "silent" || LEVELS.indexOf(name) < Math.max(min, 0)) return;
    const fields =
      obj instanceof Error
        ? { err: obj.message }
        : typeof obj === "object" && obj
          ? Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v instanceof Error ? v.message : v]))
          : { msg: String(obj) };
    console.log(
      JSON.stringify({ level: name, time: new Date().toISOString(), ...fields, msg: msg ?? undefined }),
    );
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  } as unknown as Ctx["log"];
}

/** `rectify worker`: the scheduled jobs and the notification delivery loop, without HTTP. */
export async function worker(opts: { jobs?: Job[] } = {}): Promise<number> {
  const { config, database } = await openDatabase();
  const instance = `worker:${instanceName()}`;
  const log = lineLogger(config.logLevel);
  const ctx = systemContext({ db: database.db, engine: database.engine, config, log }, "worker");
  const stop = startScheduler(ctx, { instance, jobs: opts.jobs });
  return new Promise<number>((resolve) => {
    // keep the process alive: the scheduler's timers are unref'd
    const keepAlive = setInterval(() => {}, 1 << 30);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info({ signal }, "worker stopping");
      // let the runs in progress finish (a send in flight gets marked), then close the database
      await stop();
      await checkpointOnShutdown(ctx);
      await database.close();
      clearInterval(keepAlive);
      resolve(0);
    };
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    process.on("SIGINT", () => void shutdown("SIGINT"));
    // announced only once a stop signal is handled: a supervisor may stop us the moment it reads this
    log.info({ instance, db: database.describe }, "worker started");
  });
}
