import type { Ctx } from "../context.ts";
import { deliverDueNotifications, dueNotifications } from "../notifications/delivery.ts";

/** Sends what the outbox holds (e-mail, DingTalk, WeCom); every instance may run it, claims keep rows apart. */
export const deliverNotificationsJob = {
  name: "deliver-notifications",
  everyMs: 5_000,
  exclusive: false,
  run: async (ctx: Ctx) => ({ ...(await deliverDueNotifications(ctx)) }),
  dryRun: async (ctx: Ctx) => dueNotifications(ctx),
};
