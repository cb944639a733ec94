import type { Ctx } from "../context.ts";
import {
  deliverDueNotifications,
  dueNotifications,
  SENDERS,
  type Sender,
} from "../notifications/delivery.ts";

/** The delivery job over the given channels (the product's own unless a test passes others). */
export const deliverNotificationsJobWith = (senders: Record<string, Sender>) => ({
  name: "deliver-notifications",
  everyMs: 5_000,
  exclusive: false,
  run: async (ctx: Ctx) => ({ ...(await deliverDueNotifications(ctx, senders)) }),
  dryRun: async (ctx: Ctx) => dueNotifications(ctx),
});

/** Sends what the outbox holds (e-mail, DingTalk, WeCom); every instance may run it, claims keep rows apart. */
export const deliverNotificationsJob = deliverNotificationsJobWith(SENDERS);
