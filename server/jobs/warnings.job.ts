import type { Ctx } from "../context.ts";
import { runWarnings } from "../domain/supervision/warnings.commands.ts";

/** The escalation sweep: reminders, urgings, red 督办单 and proposals, as the warning rules say. */
export const warningsJob = {
  name: "warnings",
  everyMs: 60 * 60_000,
  run: async (ctx: Ctx) => ({ ...(await runWarnings(ctx)) }),
};
