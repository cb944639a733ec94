import { systemContext } from "../context.ts";
import { isEmptyInstall, seedDemo } from "../domain/demo/demo.commands.ts";
import { buildApp } from "../http/app.ts";
import { checkpointOnShutdown } from "../jobs/audit-checkpoint.job.ts";
import { startScheduler } from "../jobs/scheduler.ts";
import { openDatabase, openRequestDatabase } from "./runtime.ts";
import { ensureWebBuilt } from "./web-build.ts";

/** `rectify serve`: migrate, seed demo data on an empty demo install, build the web, listen. */
export async function serve(): Promise<number> {
  const { config, database } = await openDatabase();
  if (config.webBuild) await ensureWebBuilt(config.webDist, (m) => console.log(m));
  const ctx = systemContext({ db: database.db, engine: database.engine, config }, "seed");
  if (config.demo && config.nodeEnv !== "production" && (await isEmptyInstall(ctx))) {
    const seeded = await seedDemo(ctx);
    console.log(
      `demo data loaded: ${seeded.orgs} orgs, ${seeded.users} accounts (password Rectify-demo-2026)`,
    );
  }
  const requests = openRequestDatabase(config, database);
  const app = await buildApp({ config, database: requests });
  const stopJobs = config.jobsInServe
    ? startScheduler({ ...ctx, actor: { ...ctx.actor, name: "scheduler" }, log: app.log })
    : async () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await stopJobs();
    await app.close();
    await checkpointOnShutdown({ ...ctx, log: app.log });
    if (requests !== database) await requests.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ db: database.describe }, `Rectify listening on http://localhost:${config.port}`);
  return new Promise<number>(() => {});
}
