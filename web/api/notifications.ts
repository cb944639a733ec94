import type { NotificationKind, WebhookKind } from "../../contract/enums";
import { api } from "./client";
import type { Envelope } from "./types";

export interface NotificationItem {
  id: string;
  kind: string;
  eventType: string;
  title: string;
  body: string;
  link: string | null;
  entityType: string;
  entityId: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  data: NotificationItem[];
  total: number;
  unread: number;
}

export interface NotificationSettings {
  email: string | null;
  emailEnabled: boolean;
  emailMutedKinds: NotificationKind[];
  emailAvailable: boolean;
}

export interface Webhook {
  id: string;
  orgId: string;
  orgName: string;
  kind: WebhookKind;
  name: string;
  url: string;
  hasSecret: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewWebhook {
  orgId: string;
  kind: WebhookKind;
  name: string;
  url: string;
  secret?: string | null;
}

export const UNREAD_KEY = ["notifications", "unread"] as const;
export const INBOX_KEY = ["notifications", "list"] as const;

export const listNotifications = (q: { unread?: boolean; limit: number; offset: number }) =>
  api.get<NotificationPage>("/api/v1/notifications", {
    unread: q.unread ? "true" : undefined,
    limit: q.limit,
    offset: q.offset,
  });

export const unreadCount = async () =>
  (await api.get<Envelope<{ count: number }>>("/api/v1/notifications/unread-count")).data.count;

export const markRead = async (id: string) =>
  (await api.post<Envelope<NotificationItem>>(`/api/v1/notifications/${encodeURIComponent(id)}/read`)).data;

export const markAllRead = async () =>
  (await api.post<Envelope<{ count: number }>>("/api/v1/notifications/read-all")).data.count;

export const getNotificationSettings = async () =>
  (await api.get<Envelope<NotificationSettings>>("/api/v1/me/notification-settings")).data;

export const saveNotificationSettings = async (s: Omit<NotificationSettings, "emailAvailable">) =>
  (await api.put<Envelope<NotificationSettings>>("/api/v1/me/notification-settings", s)).data;

export const listWebhooks = async () => (await api.get<Envelope<Webhook[]>>("/api/v1/webhooks")).data;

export const createWebhook = async (w: NewWebhook) =>
  (await api.post<Envelope<Webhook>>("/api/v1/webhooks", w)).data;

export const updateWebhook = async (
  id: string,
  w: Partial<Omit<NewWebhook, "orgId" | "kind">> & { active?: boolean },
) => (await api.patch<Envelope<Webhook>>(`/api/v1/webhooks/${encodeURIComponent(id)}`, w)).data;
