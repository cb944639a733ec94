import type {
  AgendaOrigin,
  BallotChoice,
  CircularTone,
  ClosureKind,
  LightColor,
  MeetingSessionKind,
  NoticeLevel,
  NotificationKind,
  OrgKind,
  OrgUnitType,
  ProblemStatus,
  ProposalKind,
  RegionLevel,
  Role,
  SourceType,
  SupervisionActivityKind,
  UrgingMethod,
  WebhookKind,
} from "./enums.ts";
import type { CampaignSettingsValue } from "./schemas/campaign.ts";

/** Every audit event type the product writes (DESIGN.md §5: `noun.pastTense`). */
export const AUDIT_EVENT_TYPES = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.locked_out",
  "auth.logged_out",
  "auth.mfa_enrolled",
  "auth.mfa_verified",
  "auth.mfa_failed",
  "auth.recovery_code_used",
  "auth.password_changed",
  "org.created",
  "org.renamed",
  "org.moved",
  "org.deactivated",
  "org.activated",
  "org.imported",
  "user.created",
  "user.updated",
  "user.roles_changed",
  "user.password_reset",
  "user.unlocked",
  "demo.seeded",
  "campaign.created",
  "problem.registered",
  "problem.assigned",
  "problem.acknowledged",
  "problem.closeout_requested",
  "problem.review_approved",
  "problem.review_rejected",
  "problem.public_review_closed",
  "problem.stage_closed",
  "problem.followed_up",
  "problem.withdrawn",
  "problem.remarks_updated",
  "measure.added",
  "task.decomposed",
  "task.acknowledged",
  "task.reported",
  "task.completed",
  "task.accepted",
  "task.returned",
  "ballot.tokens_issued",
  "ballot.cast",
  "objection.lodged",
  "objection.answered",
  "attachment.uploaded",
  "notification.read",
  "notification.all_read",
  "notification.preferences_changed",
  "notification.delivery_failed",
  "webhook.created",
  "webhook.updated",
  "calendar.year_replaced",
  "extension.requested",
  "extension.approved",
  "extension.refused",
  "light.changed",
  "supervision.reminded",
  "supervision.urged",
  "notice.issued",
  "notice.responded",
  "notice.closed",
  "listing.listed",
  "listing.delisting_requested",
  "listing.delisting_rejected",
  "listing.delisted",
  "interview.recorded",
  "circular.issued",
  "accountability.referred",
  "escalation.proposed",
  "escalation.decided",
  "supervision_group.created",
  "supervision_group.updated",
  "supervision_group.members_set",
  "supervision_group.contact_points_set",
  "supervision_activity.recorded",
  "supervision_finding.recorded",
  "supervision_finding.converted",
  "joint_meeting.created",
  "joint_meeting.members_set",
  "meeting_session.created",
  "meeting_session.agenda_item_added",
  "meeting_session.attendance_recorded",
  "meeting_session.minutes_recorded",
  "meeting_decision.recorded",
  "meeting_decision.converted",
  "org.unit_type_set",
  "research.created",
  "research.updated",
  "research_finding.recorded",
  "research_finding.converted",
  "problem.fixed_on_the_spot",
  "auth.login_delayed",
  "auth.password_change_failed",
  "secrets.sealed",
  "secrets.key_rotated",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** An event that carries no data. */
type NoData = Record<string, never>;

/** What every problem state-machine event carries, before its own fields. */
type ProblemTransitionData = {
  action: string;
  from: ProblemStatus;
  to: ProblemStatus;
  /** Set when the action reopens the item (群众不认可, 回头看 relapse). */
  reopenCount?: number;
};

/** What every task event carries: the task and its unit. */
type TaskEventData = {
  taskId: string;
  orgId: string;
};

/** A light's reason, in both languages (as the light rules give it). */
export interface AuditLightReason {
  code: string;
  zh: string;
  en: string;
}

/**
 * The `data` each audit event type carries, as `recordAudit` writes it. Adding an event type is
 * one entry in `AUDIT_EVENT_TYPES` and one here; the compiler refuses a type without its payload.
 */
export interface AuditEventPayloads {
  "auth.login_succeeded": { stage: "full" | "mfa" | "enrol" };
  "auth.login_failed": { reason: string; username?: string };
  "auth.locked_out": { until: string | null };
  "auth.logged_out": NoData;
  "auth.mfa_enrolled": NoData;
  "auth.mfa_verified": NoData;
  "auth.mfa_failed": { reason: string };
  "auth.recovery_code_used": NoData;
  "auth.password_changed": NoData;
  "secrets.sealed": { keyId: string; totpSecrets: number; webhookSecrets: number };
  "secrets.key_rotated": { oldKeyId: string; newKeyId: string; totpSecrets: number; webhookSecrets: number };
  "auth.login_delayed": { until: string; address: string | null; username?: string };
  "auth.password_change_failed": { reason: string };
  "org.created": {
    name: string;
    kind: OrgKind;
    level: RegionLevel | null;
    code: string | null;
    parentId: string;
  };
  "org.renamed": { from: string; to: string };
  "org.moved": { fromParentId: string | null; toParentId: string; fromPath: string; toPath: string };
  "org.deactivated": NoData;
  "org.activated": NoData;
  "org.imported": { count: number; firstCode: string | null; lastCode: string | null };
  "user.created": { username: string; displayName: string; orgId: string; roles: AuditRoleGrant[] };
  "user.updated": { displayName?: string; active?: 0 | 1; email?: string | null };
  "user.roles_changed": { roles: AuditRoleGrant[] };
  "user.password_reset": NoData;
  "user.unlocked": NoData;
  "demo.seeded": { orgs: number; users: number };
  "campaign.created": { name: string; categories: string[]; settings: CampaignSettingsValue };
  "problem.registered": {
    code: string;
    title: string;
    campaignId: string;
    sourceType: SourceType;
    remarks?: string;
  };
  "problem.assigned": ProblemTransitionData & { leadOrgId: string; coOrgIds: string[]; deadline: string };
  "problem.acknowledged": ProblemTransitionData;
  "problem.closeout_requested": ProblemTransitionData & { summary: string; attachmentIds: string[] };
  "problem.review_approved": ProblemTransitionData & {
    checklist: Record<string, boolean>;
    publicReview: boolean;
  };
  "problem.review_rejected": ProblemTransitionData & { checklist: Record<string, boolean>; reason: string };
  "problem.public_review_closed": ProblemTransitionData & {
    trigger: string;
    counts: Partial<Record<BallotChoice, number>>;
    rate: number | null;
    objectionUpheld: boolean;
    passes: boolean;
  };
  "problem.stage_closed": ProblemTransitionData & { summary: string };
  "problem.followed_up": ProblemTransitionData & { outcome: "ok" | "relapse"; note: string };
  "problem.withdrawn": ProblemTransitionData & { kind: ClosureKind; reason: string };
  "problem.remarks_updated": { remarks: string | null; previous: string | null };
  "measure.added": { measureId: string; seqNo: number; title: string; deadline: string; leadOrgId: string };
  /** From a measure (by its lead unit, or a joint-meeting decision), or from a parent task. */
  "task.decomposed": { taskIds: string[]; orgIds: string[] } & (
    | { measureId: string; decisionId?: string }
    | TaskEventData
  );
  "task.acknowledged": TaskEventData;
  "task.reported": TaskEventData & { reportId: string; percent: number; attachmentIds: string[] };
  "task.completed": TaskEventData & { reportId: string; attachmentIds: string[] };
  "task.accepted": TaskEventData;
  "task.returned": TaskEventData & { reason: string };
  "ballot.tokens_issued": { count: number; round: number; labels: (string | null)[] };
  "ballot.cast": { round: number; choice: BallotChoice; comment: string | null; lastToken: boolean };
  "objection.lodged": { objectionId: string; round: number; text: string };
  "objection.answered": { objectionId: string; upheld: boolean; answer: string };
  "attachment.uploaded": { sha256: string; mime: string; size: number; name: string };
  "notification.read": NoData;
  "notification.all_read": { count: number };
  "notification.preferences_changed": {
    email: string | null;
    emailEnabled: boolean;
    emailMutedKinds: NotificationKind[];
  };
  "notification.delivery_failed": {
    channel: string;
    target: string;
    idempotencyKey: string;
    attempts: number;
    error: string;
  };
  "webhook.created": { orgId: string; kind: WebhookKind; name: string; url: string; hasSecret: boolean };
  "webhook.updated": { name?: string; url?: string; secretChanged?: boolean; active?: boolean };
  "calendar.year_replaced": { year: number; previousDays: number; holidays: string[]; workdays: string[] };
  "extension.requested": ExtensionEventData & { reason: string };
  "extension.approved": ExtensionEventData & { comment: string | null };
  "extension.refused": ExtensionEventData & { comment: string | null };
  "light.changed": {
    from: string;
    to: LightColor;
    reasons: AuditLightReason[];
    orgId: string | null;
    problemId: string;
    plannedProgress: number;
    progress: number;
  };
  "supervision.reminded": UrgingEventData;
  "supervision.urged": UrgingEventData;
  "notice.issued": {
    noticeId: string;
    docNumber: string;
    level: NoticeLevel;
    title: string;
    issuerOrgId: string;
    addresseeOrgId: string | null;
    responseDue: string;
    automatic?: boolean;
  };
  "notice.responded": {
    noticeId: string;
    docNumber: string;
    addresseeOrgId: string;
    unitOrgId: string;
    attachmentIds: string[];
  };
  "notice.closed": { noticeId: string; docNumber: string; addresseeOrgId: string };
  "listing.listed": { listingId: string; reason: string; addresseeOrgId: string | null; proposalId?: string };
  "listing.delisting_requested": { listingId: string; reason: string; addresseeOrgId: string };
  "listing.delisting_rejected": { listingId: string; note: string; addresseeOrgId: string | null };
  "listing.delisted": { listingId: string; note: string; addresseeOrgId: string | null };
  "interview.recorded": {
    interviewId: string;
    heldAt: string;
    interviewee: string;
    addresseeOrgId: string;
    taskIds: string[];
  };
  "circular.issued": {
    title: string;
    docNumber: string;
    tone: CircularTone;
    problemIds: string[];
    addresseeOrgId: string;
  };
  "accountability.referred": {
    referralId: string;
    subjectOrgId: string | null;
    subjectPerson: string | null;
    referredTo: string;
    addresseeOrgId: string;
  };
  "escalation.proposed": {
    proposalId: string;
    kind: ProposalKind;
    reason: string;
    addresseeOrgId: string;
    addresseeRole: Role;
  };
  "escalation.decided": {
    proposalId: string;
    kind: string;
    accepted: boolean;
    note: string | null;
    addresseeOrgId: string | null;
  };
  "supervision_group.created": {
    name: string;
    leaderUserId: string;
    memberIds: string[];
    contactPointIds: string[];
    startsOn: string;
    endsOn: string;
  };
  "supervision_group.updated": { name: string; startsOn: string; endsOn: string; plan: string };
  "supervision_group.members_set": { leaderUserId: string; memberIds: string[]; previous: string[] };
  "supervision_group.contact_points_set": { contactPointIds: string[] };
  "supervision_activity.recorded": {
    activityId: string;
    kind: SupervisionActivityKind;
    heldOn: string;
    place: string;
    placeOrgId: string | null;
    findingIds: string[];
  };
  "supervision_finding.recorded": {
    findingId: string;
    activityId: string;
    seqNo: number;
    text: string;
    orgId: string | null;
  };
  "supervision_finding.converted": { findingId: string; problemId: string; problemCode: string };
  "joint_meeting.created": {
    name: string;
    convenerUserId: string;
    deputyUserId: string | null;
    members: { orgId: string; liaisonUserId: string | null }[];
  };
  "joint_meeting.members_set": { members: { orgId: string; liaisonUserId: string | null }[] };
  "meeting_session.created": {
    sessionId: string;
    seqNo: number;
    kind: MeetingSessionKind;
    title: string;
    heldOn: string;
  };
  "meeting_session.agenda_item_added": {
    sessionId: string;
    itemId: string;
    seqNo: number;
    title: string;
    origin: AgendaOrigin;
    problemId: string | null;
  };
  "meeting_session.attendance_recorded": {
    sessionId: string;
    present: string[];
    absent: { orgId: string; reason: string | null | undefined }[];
  };
  "meeting_session.minutes_recorded": {
    sessionId: string;
    docNumber: string | null;
    attachmentId: string | null;
    length: number;
  };
  "meeting_decision.recorded": {
    sessionId: string;
    decisionId: string;
    seqNo: number;
    text: string;
    ownerOrgId: string | null;
    deadline: string | null;
  };
  "meeting_decision.converted": { sessionId: string; decisionId: string; problemId: string } & (
    | { into: "problem"; problemCode: string }
    | { into: "task"; taskId: string; orgId: string }
  );
  "org.unit_type_set": { from: string | null; to: OrgUnitType };
  "research.created": ResearchVisitData & { orgId: string; findingIds: string[] };
  "research.updated": ResearchVisitData;
  "research_finding.recorded": { findingId: string; seqNo: number; text: string; orgId: string | null };
  "research_finding.converted": {
    findingId: string;
    problemId: string;
    problemCode: string;
    fixedOnTheSpot: boolean;
  };
  /** 即知即改: a research finding registered and closed at once as rectified. */
  "problem.fixed_on_the_spot": {
    from: "registered";
    to: "closed";
    closureKind: "rectified";
    note: string | null;
    findingId: string;
    visitId: string;
  };
}

/** What research visit events record of the visit (counts for the lists, ids for the sites). */
type ResearchVisitData = {
  topic: string;
  leadUserId: string | null;
  leadName: string;
  startsOn: string;
  endsOn: string;
  siteIds: string[];
  householdsVisited: number;
  householdsConsoled: number;
  symposia: number;
  outcomes: number;
  reportAttachmentId: string | null;
};

/** A role grant as user events record it. */
export interface AuditRoleGrant {
  role: Role;
  orgId: string;
}

type ExtensionEventData = {
  extensionId: string;
  target: string;
  targetId: string;
  orgId: string;
  oldDeadline: string;
  newDeadline: string;
};

type UrgingEventData = {
  urgingId: string;
  method: UrgingMethod;
  note: string;
  addresseeOrgId: string;
  addresseeRole: Role | null;
  taskId?: string;
  rule?: string;
};

/** The payload of event type `T`. */
export type AuditData<T extends AuditEventType> = AuditEventPayloads[T];

/** One event as its type and payload: a union discriminated by `type`. */
export type AuditEvent<T extends AuditEventType = AuditEventType> = {
  [K in T]: { type: K; data: AuditEventPayloads[K] };
}[T];

/** An event with no payload may leave `data` out. */
export type AuditDataField<T extends AuditEventType> = [AuditEventPayloads[T]] extends [NoData]
  ? { data?: AuditEventPayloads[T] }
  : { data: AuditEventPayloads[T] };

/** A field name that the payload of at least one event type carries. */
export type AuditPayloadKey = AuditEventPayloads[AuditEventType] extends infer D
  ? D extends unknown
    ? keyof D & string
    : never
  : never;

/** True for a string that names an event type the product writes. */
export const isAuditEventType = (t: string): t is AuditEventType =>
  (AUDIT_EVENT_TYPES as readonly string[]).includes(t);

// Both ways: every listed type has a payload, and every payload belongs to a listed type.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyTypeHasItsPayload: Exactly<AuditEventType, keyof AuditEventPayloads> = true;
void _everyTypeHasItsPayload;
