import { type Static, Type } from "@sinclair/typebox";
import { NOTIFICATION_KINDS, WEBHOOK_KINDS } from "../enums.ts";
import { Id, IsoTime, lit, Paging } from "./common.ts";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** One message in a user's inbox, in the request's language. */
export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  eventType: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  entityType: Type.String(),
  entityId: Type.String(),
  createdAt: IsoTime,
  readAt: Nullable(IsoTime),
});
export type NotificationView = Static<typeof Notification>;

export const NotificationListQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), ...Paging },
  { additionalProperties: false },
);

export const NotificationPage = Type.Object({
  data: Type.Array(Notification),
  total: Type.Integer(),
  unread: Type.Integer(),
});

export const Count = Type.Object({ count: Type.Integer() });

export const NotificationKindName = lit(NOTIFICATION_KINDS);

const Email = Type.String({ minLength: 3, maxLength: 200, format: "email" });

/** A user's own channel settings: in-app is always on; e-mail on/off, per kind. */
export const NotificationSettings = Type.Object({
  email: Nullable(Type.String()),
  emailEnabled: Type.Boolean(),
  /** Kinds for which e-mail is switched off. */
  emailMutedKinds: Type.Array(NotificationKindName),
  /** False when the server has no SMTP settings: e-mail cannot be sent at all. */
  emailAvailable: Type.Boolean(),
});
export type NotificationSettingsView = Static<typeof NotificationSettings>;

export const NotificationSettingsBody = Type.Object(
  {
    email: Type.Union([Email, Type.Null()]),
    emailEnabled: Type.Boolean(),
    emailMutedKinds: Type.Array(NotificationKindName, { maxItems: NOTIFICATION_KINDS.length }),
  },
  { additionalProperties: false },
);
export type NotificationSettingsInput = Static<typeof NotificationSettingsBody>;

export const WebhookKindName = lit(WEBHOOK_KINDS);

/** An org's group-robot webhook; the secret never leaves the server, the URL's token is masked. */
export const Webhook = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: WebhookKindName,
  name: Type.String(),
  url: Type.String({ description: "the address with its access token masked" }),
  hasSecret: Type.Boolean(),
  active: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type WebhookView = Static<typeof Webhook>;

const WebhookUrl = Type.String({ minLength: 8, maxLength: 1000 });
const Secret = Type.String({ minLength: 1, maxLength: 200 });
const WebhookName = Type.String({ minLength: 1, maxLength: 60 });

export const WebhookListQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });

export const CreateWebhookBody = Type.Object(
  {
    orgId: Id,
    kind: WebhookKindName,
    name: WebhookName,
    url: WebhookUrl,
    secret: Type.Optional(Type.Union([Secret, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateWebhookInput = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    name: Type.Optional(WebhookName),
    url: Type.Optional(WebhookUrl),
    /** A new secret; null removes it; absent keeps it. */
    secret: Type.Optional(Type.Union([Secret, Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;
