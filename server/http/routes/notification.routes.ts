import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  Count,
  CreateWebhookBody,
  Notification,
  NotificationListQuery,
  NotificationPage,
  NotificationSettings,
  NotificationSettingsBody,
  UpdateWebhookBody,
  Webhook,
  WebhookListQuery,
} from "../../../contract/schemas/notification.ts";
import {
  markAllNotificationsRead,
  markNotificationRead,
  updateMyNotificationSettings,
} from "../../domain/notifications/notification.commands.ts";
import {
  countMyUnread,
  getMyNotificationSettings,
  listMyNotifications,
} from "../../domain/notifications/notification.queries.ts";
import { createWebhook, updateWebhook } from "../../domain/notifications/webhook.commands.ts";
import { listWebhooks } from "../../domain/notifications/webhook.queries.ts";

const tags = ["notifications"];

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/notifications",
    { schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationPage } } },
    async (req) => listMyNotifications(req.ctx, { ...req.query, lang: req.lang }),
  );
  app.get(
    "/api/v1/notifications/unread-count",
    { schema: { tags, response: { 200: Data(Count) } } },
    async (req) => ({ data: { count: await countMyUnread(req.ctx) } }),
  );
  app.post(
    "/api/v1/notifications/:id/read",
    { schema: { tags, params: IdParams, response: { 200: Data(Notification) } } },
    async (req) => ({
      data: await markNotificationRead(req.ctx, { notificationId: req.params.id, lang: req.lang }),
    }),
  );
  app.post(
    "/api/v1/notifications/read-all",
    { schema: { tags, response: { 200: Data(Count) } } },
    async (req) => ({ data: await markAllNotificationsRead(req.ctx) }),
  );
  app.get(
    "/api/v1/me/notification-settings",
    { schema: { tags, response: { 200: Data(NotificationSettings) } } },
    async (req) => ({ data: await getMyNotificationSettings(req.ctx) }),
  );
  app.put(
    "/api/v1/me/notification-settings",
    { schema: { tags, body: NotificationSettingsBody, response: { 200: Data(NotificationSettings) } } },
    async (req) => ({ data: await updateMyNotificationSettings(req.ctx, req.body) }),
  );
  app.get(
    "/api/v1/webhooks",
    { schema: { tags, querystring: WebhookListQuery, response: { 200: Data(Type.Array(Webhook)) } } },
    async (req) => ({ data: await listWebhooks(req.ctx, req.query) }),
  );
  app.post(
    "/api/v1/webhooks",
    { schema: { tags, body: CreateWebhookBody, response: { 200: Data(Webhook) } } },
    async (req) => ({ data: await createWebhook(req.ctx, req.body) }),
  );
  app.patch(
    "/api/v1/webhooks/:id",
    { schema: { tags, params: IdParams, body: UpdateWebhookBody, response: { 200: Data(Webhook) } } },
    async (req) => ({ data: await updateWebhook(req.ctx, { webhookId: req.params.id, ...req.body }) }),
  );
};
