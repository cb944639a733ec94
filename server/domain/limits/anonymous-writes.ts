import type { AnonymousWriteKind } from "../../config.ts";
import type { Ctx } from "../../context.ts";
import { takeRateLimit } from "./rate-limit.ts";

/**
 * Admits one anonymous write (an objection, a ballot; later an opinion) against the limits per
 * client address and, once the item is known, per item. Call it outside the write's transaction
 * for the address, so a refused or failing write still counts: a flood of bad requests is a flood.
 * Writes without a client address (demo seeding, the CLI, imports of paper ballots) are not
 * public traffic and are not counted; every HTTP request has one.
 */
export async function admitAnonymousWrite(
  ctx: Ctx,
  kind: AnonymousWriteKind,
  on: { address: true } | { item: string },
): Promise<void> {
  if (ctx.ip === null) return;
  const l = ctx.config.publicLimits;
  const windowMs = l.windowMinutes * 60_000;
  if ("address" in on) {
    await takeRateLimit(ctx, {
      bucket: `${kind}-address`,
      key: ctx.ip,
      max: l.perAddress[kind],
      windowMs,
    });
  } else {
    await takeRateLimit(ctx, { bucket: `${kind}-item`, key: on.item, max: l.perItem[kind], windowMs });
  }
}
