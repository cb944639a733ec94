import type { NotificationKind, Role } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import {
  type EventFacts,
  fillTemplate,
  linkFor,
  messageVars,
  NOTIFICATION_RULES,
  type NotificationRule,
  rulesFor,
} from "./notification.rules.ts";

/** The audit row as `recordAudit` wrote it, with its type's payload. */
export type RecordedEvent = EventFacts["event"];

/** What an e-mail outbox row carries. */
export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  link: string | null;
}

/** What a group-robot outbox row carries; the webhook (url, secret) is looked up at send time. */
export interface RobotPayload {
  title: string;
  text: string;
  link: string | null;
}

/** The key a receiver uses to recognise a message it already has. */
export const idempotencyKey = (eventId: string, channel: string, target: string) =>
  `rectify-${eventId}-${channel}-${target}`;

const ids = (values: unknown[]) => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v !== "")),
];

async function loadFacts(ctx: Ctx, event: RecordedEvent): Promise<EventFacts> {
  const problemId =
    event.entityType === "problem"
      ? event.entityId
      : "problemId" in event.data && typeof event.data.problemId === "string"
        ? event.data.problemId
        : null;
  const problem = problemId
    ? ((await ctx.db
        .selectFrom("problems")
        .select(["id", "code", "title", "leadOrgId", "ownerOrgId", "deadline"])
        .where("id", "=", problemId)
        .executeTakeFirst()) ?? null)
    : null;
  return { event, problem };
}

interface Recipient {
  id: string;
  locale: string;
  email: string | null;
  emailEnabled: number | null;
  emailMutedKindsJson: string | null;
}

async function usersAt(ctx: Ctx, orgIds: string[], roles: readonly Role[]): Promise<Recipient[]> {
  if (orgIds.length === 0 || roles.length === 0) return [];
  return ctx.db
    .selectFrom("roleAssignments")
    .innerJoin("users", "users.id", "roleAssignments.userId")
    .leftJoin("notificationPreferences", "notificationPreferences.userId", "users.id")
    .select([
      "users.id",
      "users.locale",
      "users.email",
      "notificationPreferences.emailEnabled",
      "notificationPreferences.emailMutedKindsJson",
    ])
    .where("roleAssignments.orgId", "in", orgIds)
    .where("roleAssignments.role", "in", [...roles])
    .where("users.active", "=", 1)
    .distinct()
    .execute();
}

async function userById(ctx: Ctx, id: string): Promise<Recipient[]> {
  return ctx.db
    .selectFrom("users")
    .leftJoin("notificationPreferences", "notificationPreferences.userId", "users.id")
    .select([
      "users.id",
      "users.locale",
      "users.email",
      "notificationPreferences.emailEnabled",
      "notificationPreferences.emailMutedKindsJson",
    ])
    .where("users.id", "=", id)
    .where("users.active", "=", 1)
    .execute();
}

/** True when the user wants e-mail for this kind (on unless switched off). */
export function wantsEmail(
  r: Pick<Recipient, "email" | "emailEnabled" | "emailMutedKindsJson">,
  kind: NotificationKind,
) {
  if (!r.email || r.emailEnabled === 0) return false;
  const muted = JSON.parse(r.emailMutedKindsJson ?? "[]") as string[];
  return !muted.includes(kind);
}

interface Rendered {
  kind: NotificationKind;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
}

function render(rule: NotificationRule, f: EventFacts): Rendered {
  const vars = { ...messageVars(f), ...rule.vars?.(f) };
  return {
    kind: rule.kind,
    title: { zh: fillTemplate(rule.title.zh, vars), en: fillTemplate(rule.title.en, vars) },
    body: { zh: fillTemplate(rule.body.zh, vars), en: fillTemplate(rule.body.en, vars) },
    link: linkFor(rule, f),
  };
}

/**
 * Derives the notifications of one audit event inside the caller's transaction: an inbox row per
 * recipient user (the actor excepted), and outbox rows for their e-mail and the orgs' robots.
 * Events without a rule cost nothing.
 */
export async function notificationsFor(
  ctx: Ctx,
  event: RecordedEvent,
): Promise<{ inbox: number; outbox: number }> {
  if (!NOTIFICATION_RULES[event.type]) return { inbox: 0, outbox: 0 };
  const facts = await loadFacts(ctx, event);
  const now = iso(ctx.now());
  const notified = new Set<string>(ctx.actor.userId ? [ctx.actor.userId] : []);
  const robotsDone = new Set<string>();
  const inbox: Parameters<typeof insertInbox>[1] = [];
  const outbox: Parameters<typeof insertOutbox>[1] = [];
  const absolute = (link: string | null) => (link ? `${ctx.config.publicUrl}${link}` : null);

  for (const rule of rulesFor(facts)) {
    const msg = render(rule, facts);
    for (const audience of rule.to) {
      if ("robots" in audience) {
        const orgIds = ids(audience.robots(facts));
        if (orgIds.length === 0) continue;
        const hooks = await ctx.db
          .selectFrom("orgWebhooks")
          .select(["id", "kind", "orgPath"])
          .where("orgId", "in", orgIds)
          .where("active", "=", 1)
          .execute();
        for (const hook of hooks.filter((h) => !robotsDone.has(h.id))) {
          robotsDone.add(hook.id);
          const payload: RobotPayload = { title: msg.title.zh, text: msg.body.zh, link: absolute(msg.link) };
          outbox.push({ channel: hook.kind, target: hook.id, scopePath: hook.orgPath, payload });
        }
        continue;
      }
      const users =
        "users" in audience
          ? await usersAt(ctx, ids(audience.users(facts)), audience.roles)
          : await userById(ctx, audience.user(facts) ?? "");
      for (const u of users.filter((x) => !notified.has(x.id))) {
        notified.add(u.id);
        inbox.push({ userId: u.id, msg });
        if (ctx.config.smtp && wantsEmail(u, msg.kind)) {
          const en = u.locale.startsWith("en");
          const payload: EmailPayload = {
            to: u.email as string,
            subject: en ? msg.title.en : msg.title.zh,
            text: en ? msg.body.en : msg.body.zh,
            link: absolute(msg.link),
          };
          outbox.push({ channel: "email", target: u.id, scopePath: event.scopePath, payload });
        }
      }
    }
  }
  await insertInbox(ctx, inbox, event, now);
  await insertOutbox(ctx, outbox, event, now);
  return { inbox: inbox.length, outbox: outbox.length };
}

async function insertInbox(
  ctx: Ctx,
  rows: { userId: string; msg: Rendered }[],
  event: RecordedEvent,
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db
    .insertInto("notifications")
    .values(
      rows.map(({ userId, msg }) => ({
        id: newId(),
        userId,
        eventId: event.id,
        eventType: event.type,
        kind: msg.kind,
        titleZh: msg.title.zh,
        titleEn: msg.title.en,
        bodyZh: msg.body.zh,
        bodyEn: msg.body.en,
        link: msg.link,
        entityType: event.entityType,
        entityId: event.entityId,
        createdAt: now,
        readAt: null,
      })),
    )
    .execute();
}

async function insertOutbox(
  ctx: Ctx,
  rows: { channel: string; target: string; scopePath: string; payload: EmailPayload | RobotPayload }[],
  event: RecordedEvent,
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db
    .insertInto("notificationOutbox")
    .values(
      rows.map((r) => ({
        id: newId(),
        channel: r.channel,
        target: r.target,
        payloadJson: JSON.stringify(r.payload),
        idempotencyKey: idempotencyKey(event.id, r.channel, r.target),
        scopePath: r.scopePath,
        state: "pending",
        attempts: 0,
        nextAttemptAt: now,
        claimToken: null,
        claimedUntil: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      })),
    )
    .execute();
}
