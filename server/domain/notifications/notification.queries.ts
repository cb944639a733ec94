import type { NotificationKind } from "../../../contract/enums.ts";
import type { Lang } from "../../../contract/errors.ts";
import type { NotificationSettingsView, NotificationView } from "../../../contract/schemas/notification.ts";
import type { Ctx } from "../../context.ts";
import type { NotificationsTable } from "../../db/schema.ts";
import { authorize, notFound } from "../errors.ts";
import { notificationPolicy } from "./notification.policy.ts";

export const toNotificationView = (n: NotificationsTable, lang: Lang): NotificationView => ({
  id: n.id,
  kind: n.kind,
  eventType: n.eventType,
  title: lang === "en" ? n.titleEn : n.titleZh,
  body: lang === "en" ? n.bodyEn : n.bodyZh,
  link: n.link,
  entityType: n.entityType,
  entityId: n.entityId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

const mine = (ctx: Ctx) => {
  authorize(notificationPolicy.inbox(ctx.actor));
  return ctx.db.selectFrom("notifications").where("userId", "=", ctx.actor.userId as string);
};

/** The caller's own notifications, newest first; only unread ones on request. */
export async function listMyNotifications(
  ctx: Ctx,
  f: { unread?: boolean; limit?: number; offset?: number; lang: Lang },
) {
  let q = mine(ctx);
  if (f.unread) q = q.where("readAt", "is", null);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await q
    .selectAll()
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  return {
    data: rows.map((r) => toNotificationView(r, f.lang)),
    total: Number(total),
    unread: await countMyUnread(ctx),
  };
}

/** How many of the caller's notifications are unread (the bell). */
export async function countMyUnread(ctx: Ctx): Promise<number> {
  const [{ n }] = await mine(ctx)
    .where("readAt", "is", null)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .execute();
  return Number(n);
}

/** One of the caller's notifications; someone else's answers 404, so existence is not revealed. */
export async function findMyNotification(ctx: Ctx, id: string): Promise<NotificationsTable> {
  const row = await ctx.db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !notificationPolicy.read(ctx.actor, row)) throw notFound();
  return row;
}

/** The caller's channel settings. */
export async function getMyNotificationSettings(ctx: Ctx): Promise<NotificationSettingsView> {
  authorize(notificationPolicy.inbox(ctx.actor));
  const row = await ctx.db
    .selectFrom("users")
    .leftJoin("notificationPreferences", "notificationPreferences.userId", "users.id")
    .select([
      "users.email",
      "notificationPreferences.emailEnabled",
      "notificationPreferences.emailMutedKindsJson",
    ])
    .where("users.id", "=", ctx.actor.userId as string)
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    email: row.email,
    emailEnabled: row.emailEnabled !== 0,
    emailMutedKinds: JSON.parse(row.emailMutedKindsJson ?? "[]") as NotificationKind[],
    emailAvailable: ctx.config.smtp !== null,
  };
}
