import { randomUUID } from "node:crypto";
import type { Ctx } from "../context.ts";
import type { EmailPayload, RobotPayload } from "../domain/notifications/notification.derive.ts";
import { claimDueRows, markFailed, markSent, type OutboxRow } from "../domain/notifications/outbox.ts";
import { openSecret, webhookBinding } from "../domain/secrets/secrets.commands.ts";
import { sendEmail } from "./email.channel.ts";
import { PermanentFailure } from "./failure.ts";
import { dingTalkBody, dingTalkSignedUrl, postRobot, type RobotRoute, weComBody } from "./robot.channel.ts";

export { PermanentFailure };

export type Sender = (ctx: Ctx, row: OutboxRow) => Promise<void>;

async function robotHook(ctx: Ctx, id: string) {
  const hook = await ctx.db.selectFrom("orgWebhooks").selectAll().where("id", "=", id).executeTakeFirst();
  if (hook?.active !== 1) throw new PermanentFailure("webhook removed or paused");
  return hook;
}

/**
 * The channels: e-mail over SMTP, DingTalk and WeCom group robots. `route` exists for the tests
 * (a local receiver standing in for the official host); the product uses `SENDERS`.
 */
export function channelSenders(route?: RobotRoute): Record<string, Sender> {
  return {
    email: async (ctx, row) => {
      if (!ctx.config.smtp) throw new PermanentFailure("SMTP is not configured");
      const p = JSON.parse(row.payloadJson) as EmailPayload;
      await sendEmail(ctx.config.smtp, p, row.idempotencyKey, ctx.config.notify.sendTimeoutMs);
    },
    dingtalk: async (ctx, row) => {
      const hook = await robotHook(ctx, row.target);
      const url = hook.secret
        ? dingTalkSignedUrl(
            hook.url,
            openSecret(ctx, hook.secret, webhookBinding(hook.id)),
            ctx.now().getTime(),
          )
        : hook.url;
      const body = dingTalkBody(JSON.parse(row.payloadJson) as RobotPayload, row.idempotencyKey);
      await postRobot("dingtalk", url, body, row.idempotencyKey, ctx.config.notify.sendTimeoutMs, route);
    },
    wecom: async (ctx, row) => {
      const hook = await robotHook(ctx, row.target);
      const body = weComBody(JSON.parse(row.payloadJson) as RobotPayload, row.idempotencyKey);
      await postRobot("wecom", hook.url, body, row.idempotencyKey, ctx.config.notify.sendTimeoutMs, route);
    },
  };
}

export const SENDERS: Record<string, Sender> = channelSenders();

export interface DeliveryResult {
  claimed: number;
  sent: number;
  retry: number;
  dead: number;
}

/**
 * One round of the delivery loop: claims due outbox rows, sends each, marks it sent, or schedules
 * a retry with backoff, or gives it up. A crash between sending and marking leaves the row claimed;
 * once the claim expires it is sent again with the same idempotency key (at least once).
 */
export async function deliverDueNotifications(
  ctx: Ctx,
  senders: Record<string, Sender> = SENDERS,
): Promise<DeliveryResult> {
  const n = ctx.config.notify;
  const token = randomUUID();
  const rows = await claimDueRows(ctx, {
    token,
    limit: n.batchSize,
    leaseMs: n.claimTimeoutMs,
    maxAttempts: n.maxAttempts,
  });
  const result: DeliveryResult = { claimed: rows.length, sent: 0, retry: 0, dead: 0 };
  for (const row of rows) {
    try {
      const send = senders[row.channel];
      if (!send) throw new PermanentFailure(`no channel ${row.channel}`);
      await send(ctx, row);
      if (await markSent(ctx, row, token)) result.sent += 1;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const permanent = e instanceof PermanentFailure;
      const outcome = await markFailed(
        ctx,
        row,
        token,
        message,
        permanent ? row.attempts : n.maxAttempts,
        n.backoffBaseMs,
        n.backoffMaxMs,
      );
      if (outcome === "dead") result.dead += 1;
      if (outcome === "retry") result.retry += 1;
      ctx.log.warn(
        { outbox: row.id, channel: row.channel, attempts: row.attempts, err: message },
        "delivery failed",
      );
    }
  }
  return result;
}

/** What a round would send, without claiming or sending anything (`jobs run … --dry-run`). */
export async function dueNotifications(ctx: Ctx) {
  const now = ctx.now().toISOString();
  const rows = await ctx.db
    .selectFrom("notificationOutbox")
    .select(["id", "channel", "target", "idempotencyKey", "attempts", "state"])
    .where((w) =>
      w.or([
        w.and([w("state", "=", "pending"), w("nextAttemptAt", "<=", now)]),
        w.and([w("state", "=", "sending"), w("claimedUntil", "<=", now)]),
      ]),
    )
    .orderBy("nextAttemptAt")
    .limit(ctx.config.notify.batchSize)
    .execute();
  return { due: rows };
}
