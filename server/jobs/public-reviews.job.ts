import type { Ctx } from "../context.ts";
import { closeExpiredPublicReviews } from "../domain/problems/public-review.commands.ts";

/** Decides every public review whose period has ended. */
export const publicReviewsJob = {
  name: "public-reviews",
  everyMs: 60_000,
  run: async (ctx: Ctx) => ({ closed: await closeExpiredPublicReviews(ctx) }),
};
