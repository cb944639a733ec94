import type { Lang } from "../../../contract/errors.ts";
import type {
  NotificationSettingsInput,
  NotificationSettingsView,
  NotificationView,
} from "../../../contract/schemas/notification.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize } from "../errors.ts";
import { notificationPolicy } from "./notification.policy.ts";
import { findMyNotification, getMyNotificationSettings, toNotificationView } from "./notification.queries.ts";

/** Marks one of the caller's notifications read (again is harmless). */
export async function markNotificationRead(
  ctx: Ctx,
  input: { notificationId: string; lang: Lang },
): Promise<NotificationView> {
  return inTx(ctx, async (ctx) => {
    const n = await findMyNotification(ctx, input.notificationId);
    if (n.readAt) return toNotificationView(n, input.lang);
    const readAt = iso(ctx.now());
    await ctx.db.updateTable("notifications").set({ readAt }).where("id", "=", n.id).execute();
    await recordAudit(ctx, {
      type: "notification.read",
      entityType: "notification",
      entityId: n.id,
      scopePath: ctx.actor.homePath,
    });
    return toNotificationView({ ...n, readAt }, input.lang);
  });
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<{ count: number }> {
  return inTx(ctx, async (ctx) => {
    authorize(notificationPolicy.inbox(ctx.actor));
    const userId = ctx.actor.userId as string;
    const r = await ctx.db
      .updateTable("notifications")
      .set({ readAt: iso(ctx.now()) })
      .where("userId", "=", userId)
      .where("readAt", "is", null)
      .executeTakeFirst();
    const count = Number(r.numUpdatedRows);
    if (count > 0) {
      await recordAudit(ctx, {
        type: "notification.all_read",
        entityType: "user",
        entityId: userId,
        scopePath: ctx.actor.homePath,
        data: { count },
      });
    }
    return { count };
  });
}

/** The caller sets their e-mail address and which notifications reach them by e-mail. */
export async function updateMyNotificationSettings(
  ctx: Ctx,
  input: NotificationSettingsInput,
): Promise<NotificationSettingsView> {
  return inTx(ctx, async (ctx) => {
    authorize(notificationPolicy.inbox(ctx.actor));
    const userId = ctx.actor.userId as string;
    const now = iso(ctx.now());
    const email = input.email?.trim() || null;
    const muted = JSON.stringify([...new Set(input.emailMutedKinds)].sort());
    await ctx.db.updateTable("users").set({ email, updatedAt: now }).where("id", "=", userId).execute();
    const prefs = { emailEnabled: input.emailEnabled ? 1 : 0, emailMutedKindsJson: muted, updatedAt: now };
    await ctx.db
      .insertInto("notificationPreferences")
      .values({ userId, ...prefs })
      .onConflict((oc) => oc.column("userId").doUpdateSet(prefs))
      .execute();
    await recordAudit(ctx, {
      type: "notification.preferences_changed",
      entityType: "user",
      entityId: userId,
      scopePath: ctx.actor.homePath,
      data: { email, emailEnabled: input.emailEnabled, emailMutedKinds: JSON.parse(muted) },
    });
    return getMyNotificationSettings(ctx);
  });
}
