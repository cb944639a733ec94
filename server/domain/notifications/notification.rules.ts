import type { AuditData, AuditEventType } from "../../../contract/audit-events.ts";
import type { NotificationKind, Role } from "../../../contract/enums.ts";

/**
 * The audit event a notification derives from, with the problem it concerns when there is one.
 * `T` is the event's type: a rule for T sees T's payload.
 */
export interface EventFacts<T extends AuditEventType = AuditEventType> {
  event: {
    id: string;
    type: T;
    entityType: string;
    entityId: string;
    scopePath: string;
    actorId: string | null;
    data: AuditData<T>;
  };
  problem: {
    id: string;
    code: string;
    title: string;
    leadOrgId: string | null;
    ownerOrgId: string;
    deadline: string | null;
  } | null;
}

/** Picks org ids out of the facts (missing values are ignored). */
export type OrgSelector<T extends AuditEventType = AuditEventType> = (f: EventFacts<T>) => unknown[];

/** The payload fields of event type `T` that hold org ids (one id or a list). */
export type OrgIdKey<T extends AuditEventType> = {
  [K in keyof AuditData<T>]-?: AuditData<T>[K] extends string | string[] | null | undefined ? K : never;
}[keyof AuditData<T>];

/**
 * Who hears of an event: the users holding one of `roles` at exactly the selected orgs, one
 * specific user, or the selected orgs' group-robot webhooks.
 */
export type Audience<T extends AuditEventType = AuditEventType> =
  | { users: OrgSelector<T>; roles: readonly Role[] }
  | { user: (f: EventFacts<T>) => string | null | undefined }
  | { robots: OrgSelector<T> };

/** A message in both languages; `{name}` placeholders are filled from `messageVars`. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface NotificationRule<T extends AuditEventType = AuditEventType> {
  kind: NotificationKind;
  /** Only when this holds (e.g. an approval that opens public review). */
  when?: (f: EventFacts<T>) => boolean;
  to: Audience<T>[];
  title: Bilingual;
  body: Bilingual;
  /** Where the message points in the web app (relative; defaults to the problem page). */
  link?: (f: EventFacts<T>) => string | null;
  /** Extra placeholder values (e.g. a light's name in both languages, reasons joined into text). */
  vars?: (f: EventFacts<T>) => Record<string, string>;
}

const UNIT_ROLES: readonly Role[] = ["unit_lead", "unit_staff"];

/** Selectors of the orgs an event concerns. */
export const orgs = {
  /** The problem's lead unit (牵头单位). */
  lead: (f: EventFacts) => [f.problem?.leadOrgId],
  /** The office that registered the problem. */
  owner: (f: EventFacts) => [f.problem?.ownerOrgId],
  /** Org ids listed in the event data under `key` (one id or an array). */
  data:
    <T extends AuditEventType>(key: OrgIdKey<T>): OrgSelector<T> =>
    (f) =>
      ([] as unknown[]).concat(f.event.data[key] ?? []),
};

/** The unit's people and its robots. */
const unit = <T extends AuditEventType>(select: OrgSelector<T>): Audience<T>[] => [
  { users: select, roles: UNIT_ROLES },
  { robots: select },
];
const coordinators = <T extends AuditEventType>(select: OrgSelector<T>): Audience<T> => ({
  users: select,
  roles: ["coordinator"],
});

/** The rules of each event type; a rule for type T sees T's payload. */
export type NotificationRules = { [T in AuditEventType]?: NotificationRule<T>[] };

/**
 * What each audit event notifies, and to whom. Adding notifications for a new event type is one
 * entry here. A user hears of one event once, from the first rule that reaches them.
 */
export const NOTIFICATION_RULES: NotificationRules = {
  "problem.assigned": [
    {
      kind: "assignment",
      to: unit(orgs.data("leadOrgId")),
      title: { zh: "新交办问题：{code}", en: "New item assigned: {code}" },
      body: {
        zh: "问题「{title}」已交办本单位牵头整改，整改时限 {deadline}，请及时签收。",
        en: "“{title}” has been assigned to your unit to lead, due {deadline}. Please acknowledge it.",
      },
    },
  ],
  "task.decomposed": [
    {
      kind: "task",
      to: unit(orgs.data("orgIds")),
      title: { zh: "新整改任务：{code}", en: "New task: {code}" },
      body: {
        zh: "问题「{title}」的整改任务已分解到本单位，请及时签收办理。",
        en: "A rectification task of “{title}” has been passed to your unit. Please acknowledge and work on it.",
      },
    },
  ],
  "problem.review_approved": [
    {
      kind: "closeout",
      when: (f) => f.event.data.to === "closed",
      to: unit(orgs.lead),
      title: { zh: "销号审核通过：{code}", en: "Close-out approved: {code}" },
      body: {
        zh: "问题「{title}」的销号申请已审核通过，已销号。",
        en: "The close-out of “{title}” was approved; the item is closed.",
      },
    },
    {
      kind: "public_review",
      when: (f) => f.event.data.to === "public_review",
      to: [...unit(orgs.lead), coordinators(orgs.owner)],
      title: { zh: "群众评议开始：{code}", en: "Public review started: {code}" },
      body: {
        zh: "问题「{title}」的销号申请已审核通过，进入群众评议。",
        en: "The close-out of “{title}” was approved and the public review has started.",
      },
    },
  ],
  "problem.review_rejected": [
    {
      kind: "closeout",
      to: unit(orgs.lead),
      title: { zh: "销号申请被退回：{code}", en: "Close-out sent back: {code}" },
      body: {
        zh: "问题「{title}」的销号申请未通过审核，已退回重办。理由：{reason}",
        en: "The close-out of “{title}” was not approved and goes back to work. Reason: {reason}",
      },
    },
  ],
  "ballot.tokens_issued": [
    {
      kind: "public_review",
      to: [...unit(orgs.lead), coordinators(orgs.owner)],
      title: { zh: "评议票已发放：{code}", en: "Ballots issued: {code}" },
      body: {
        zh: "问题「{title}」已发放 {count} 张群众评议票，评议进行中。",
        en: "{count} public-review ballots were issued for “{title}”; voting is open.",
      },
    },
  ],
  "light.changed": [
    {
      kind: "warning",
      when: (f) => f.event.data.to !== f.event.data.from && WARNING_LIGHTS.includes(f.event.data.to),
      to: unit(orgs.data("orgId")),
      vars: (f) => ({
        lightZh: LIGHT_ZH[f.event.data.to] ?? f.event.data.to,
        reasonsZh: reasonsOf(f, "zh").join("；"),
        reasonsEn: reasonsOf(f, "en").join("; "),
      }),
      title: { zh: "预警：{code} 亮{lightZh}灯", en: "Warning: {code} turned {to}" },
      body: { zh: "问题「{title}」预警原因：{reasonsZh}", en: "“{title}”: {reasonsEn}" },
    },
  ],
  "notice.issued": [
    {
      kind: "notice",
      to: unit(orgs.data("addresseeOrgId")),
      title: { zh: "督办单：{docNumber}", en: "Supervision notice {docNumber}" },
      body: {
        zh: "「{title}」已下发督办单 {docNumber}，请于 {responseDue} 前书面答复。",
        en: "Supervision notice {docNumber} was issued: “{title}”. Answer in writing by {responseDue}.",
      },
    },
  ],
  "notice.responded": [
    {
      kind: "notice",
      to: [{ users: orgs.data("addresseeOrgId"), roles: ["supervisor", "coordinator"] }],
      title: { zh: "督办单已答复：{docNumber}", en: "Notice answered: {docNumber}" },
      body: {
        zh: "问题「{title}」的督办单 {docNumber} 已书面答复，请审阅。",
        en: "The written answer to notice {docNumber} on “{title}” has arrived.",
      },
    },
  ],
  "supervision.reminded": [
    {
      kind: "reminder",
      to: unit(orgs.data("addresseeOrgId")),
      title: { zh: "提醒：{code}", en: "Reminder: {code}" },
      body: {
        zh: "问题「{title}」需要关注，请及时签收、推进并报送进展。",
        en: "“{title}” needs your attention: acknowledge, move it on and report progress.",
      },
    },
  ],
  "supervision.urged": [
    {
      kind: "reminder",
      to: [
        { users: orgs.data("addresseeOrgId"), roles: ["unit_lead"] },
        { robots: orgs.data("addresseeOrgId") },
      ],
      title: { zh: "催办：{code}", en: "Urging: {code}" },
      body: {
        zh: "问题「{title}」进度滞后，请单位负责人督促整改并尽快报送进展。",
        en: "“{title}” is behind; the unit lead is asked to push the work and report progress soon.",
      },
    },
  ],
  "escalation.proposed": [
    {
      kind: "warning",
      to: [coordinators(orgs.data("addresseeOrgId"))],
      title: { zh: "升级督办建议：{code}", en: "Escalation proposed: {code}" },
      body: {
        zh: "问题「{title}」长期亮红灯，建议挂牌督办或约谈，请决定。",
        en: "“{title}” has been red for too long; listing or an admonitory interview is proposed for your decision.",
      },
    },
  ],
  "extension.approved": [
    {
      kind: "task",
      to: unit(orgs.data("orgId")),
      title: { zh: "延期申请已批准：{code}", en: "Extension approved: {code}" },
      body: {
        zh: "「{title}」的整改时限延至 {newDeadline}（原时限 {oldDeadline} 仍用于考核）。",
        en: "“{title}” is now due {newDeadline} (the original {oldDeadline} still counts for assessment).",
      },
    },
  ],
  "extension.refused": [
    {
      kind: "task",
      to: unit(orgs.data("orgId")),
      title: { zh: "延期申请未批准：{code}", en: "Extension refused: {code}" },
      body: {
        zh: "「{title}」的延期申请未获批准，时限仍为 {oldDeadline}。{comment}",
        en: "The extension for “{title}” was refused; it stays due {oldDeadline}. {comment}",
      },
    },
  ],
};

const WARNING_LIGHTS: readonly string[] = ["yellow", "orange", "red"];
const LIGHT_ZH: Record<string, string> = { yellow: "黄", orange: "橙", red: "红" };
const reasonsOf = (f: EventFacts<"light.changed">, lang: "zh" | "en") =>
  (f.event.data.reasons ?? []).map((r) => r[lang] ?? "");

/** The values `{name}` placeholders may use: the problem's code, title and deadline, then the event's scalars. */
export function messageVars(f: EventFacts): Record<string, string> {
  const vars: Record<string, string> = {};
  const data: Record<string, unknown> = f.event.data;
  for (const [k, v] of Object.entries(data)) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) vars[k] = String(v ?? "");
  }
  if (f.problem) {
    vars.code = f.problem.code;
    vars.title = f.problem.title;
    vars.deadline = (typeof data.deadline === "string" ? data.deadline : null) ?? f.problem.deadline ?? "—";
  }
  return vars;
}

/** Fills `{name}` placeholders; unknown names stay visible rather than vanish. */
export const fillTemplate = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** The rules of an event that apply to these facts. */
export function rulesFor(f: EventFacts): NotificationRule[] {
  // The table is keyed by type, so the rules found are the rules of this event's type and payload.
  const rules = (NOTIFICATION_RULES[f.event.type] ?? []) as NotificationRule[];
  return rules.filter((r) => !r.when || r.when(f));
}

/** The default link: the problem page when the event concerns one. */
export const linkFor = (rule: NotificationRule, f: EventFacts): string | null =>
  rule.link ? rule.link(f) : f.problem ? `/problems/${f.problem.id}` : null;
