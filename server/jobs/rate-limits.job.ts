import type { Ctx } from "../context.ts";
import { pruneRateLimits } from "../domain/limits/rate-limit.ts";

/** Deletes rate-limit counters nobody has touched for a day (their windows and delays are long over). */
export const rateLimitsJob = {
  name: "rate-limits",
  everyMs: 60 * 60_000,
  run: async (ctx: Ctx) => ({ deleted: await pruneRateLimits(ctx, 24 * 60 * 60_000) }),
};
