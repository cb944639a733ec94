import { loadConfig } from "../config.ts";
import type { Ctx } from "../context.ts";
import { runWarnings } from "../domain/supervision/warnings.commands.ts";

/** The escalation sweep: reminders, urgings, red 督办单 and proposals, as the warning rules say. */
export const warningsJob = {
  name: "warnings",
  /** WARNINGS_EVERY_MINUTES, read when the scheduler starts. */
  get everyMs() {
    return loadConfig().warningsEveryMinutes * 60_000;
  },
  run: async (ctx: Ctx) => ({ ...(await runWarnings(ctx)) }),
};
