/** Code names shared by server, web and CLI (DOMAIN.md §5). */
export const ROLES = [
  "admin",
  "coordinator",
  "supervisor",
  "unit_lead",
  "unit_staff",
  "leader",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must use TOTP when REQUIRE_MFA is on. */
export const MFA_ROLES: readonly Role[] = ["admin", "coordinator", "auditor"];

export const ORG_KINDS = ["region", "department", "unit"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const REGION_LEVELS = ["province", "city", "county", "town", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Abilities the UI uses to decide which menus and buttons to show. */
export const ABILITIES = [
  "orgs.read",
  "orgs.manage",
  "users.manage",
  "audit.read",
  "problems.read",
  "problems.register",
  "campaigns.manage",
  "webhooks.manage",
  "calendar.manage",
  "supervision.read",
  "groups.read",
  "groups.manage",
  "meetings.read",
  "meetings.manage",
  "research.read",
  "research.manage",
] as const;
export type Ability = (typeof ABILITIES)[number];

/** Problem states (DOMAIN.md §2.3). */
export const PROBLEM_STATUSES = [
  "registered",
  "assigned",
  "rectifying",
  "closeout_requested",
  "public_review",
  "ongoing",
  "closed",
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const CLOSURE_KINDS = ["rectified", "duplicate", "not_in_remit", "withdrawn"] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

export const RECTIFY_TYPES = ["immediate", "deadline", "long_term"] as const;
export type RectifyType = (typeof RECTIFY_TYPES)[number];

export const SOURCE_TYPES = [
  "research",
  "opinion",
  "supervision",
  "meeting",
  "review_opinion",
  "instruction",
  "hotline",
  "inspection",
  "self_check",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const TASK_STATUSES = ["pending", "in_progress", "done_reported", "accepted"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const REVIEW_CHECKLIST = [
  "factsClear",
  "problemSolved",
  "tasksDone",
  "conclusionAccurate",
  "compliant",
  "formatCorrect",
] as const;
export type ReviewCheck = (typeof REVIEW_CHECKLIST)[number];

export const BALLOT_CHOICES_3 = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export const BALLOT_CHOICES_5 = [
  "very_satisfied",
  "satisfied",
  "basically_satisfied",
  "dissatisfied",
  "very_dissatisfied",
] as const;
export type BallotChoice = (typeof BALLOT_CHOICES_5)[number];

/** Campaign phases: 查摆 → 整改 → 验收 → 回头看. */
export const CAMPAIGN_PHASES = ["investigate", "rectify", "accept", "review"] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** Delivery channels besides the in-app inbox, which is always on. */
export const NOTIFICATION_CHANNELS = ["email", "dingtalk", "wecom"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Group-robot webhooks an org can configure. */
export const WEBHOOK_KINDS = ["dingtalk", "wecom"] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** What a notification is about; users may switch e-mail off per kind. */
export const NOTIFICATION_KINDS = [
  "assignment",
  "task",
  "closeout",
  "public_review",
  "warning",
  "notice",
  "reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Outbox delivery states, kept apart from business state. */
export const OUTBOX_STATES = ["pending", "sending", "sent", "dead"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
/** Traffic light (预警灯, DOMAIN.md §2.5), least to most severe. */
export const LIGHTS = ["green", "yellow", "orange", "red"] as const;
export type LightColor = (typeof LIGHTS)[number];

/** Extension request (延期申请) states. */
export const EXTENSION_STATUSES = ["pending", "approved", "refused"] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
/** Escalation ladder (DOMAIN.md §2.5): notice levels, urging methods and the records around them. */
export const NOTICE_LEVELS = ["blue", "yellow", "red"] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
export const NOTICE_STATUSES = ["open", "responded", "closed"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
/** How a 催办 was made; `system` for the automatic reminders and urgings. */
export const URGING_METHODS = ["system", "phone", "letter", "visit", "on_site"] as const;
export type UrgingMethod = (typeof URGING_METHODS)[number];
/** 提醒 (reminder) or 催办 (urging). */
export const URGING_KINDS = ["reminder", "urging"] as const;
export type UrgingKind = (typeof URGING_KINDS)[number];
export const LISTING_STATUSES = ["listed", "delisting_requested", "delisted"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const PROPOSAL_KINDS = ["listing", "interview"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ["pending", "accepted", "dismissed"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** 通报: 表扬 (positive) or 批评 (critical). */
export const CIRCULAR_TONES = ["positive", "critical"] as const;
export type CircularTone = (typeof CIRCULAR_TONES)[number];
/** Supervision-group activities (督导方式): 听取汇报 · 查阅资料 · 个别谈话 · 座谈会 · 实地查看 · 暗访 · 随机抽查. */
export const SUPERVISION_ACTIVITY_KINDS = [
  "briefing",
  "document_review",
  "interview",
  "symposium",
  "site_visit",
  "unannounced_visit",
  "spot_check",
] as const;
export type SupervisionActivityKind = (typeof SUPERVISION_ACTIVITY_KINDS)[number];

/** Joint-meeting session types: 全体会议 · 专题会议 · 联络员会议. */
export const MEETING_SESSION_KINDS = ["plenary", "topical", "liaison"] as const;
export type MeetingSessionKind = (typeof MEETING_SESSION_KINDS)[number];

/** Why an item is proposed for a joint-meeting agenda: a red light, or no progress for too long. */
export const AGENDA_ORIGINS = ["manual", "red", "stuck"] as const;
export type AgendaOrigin = (typeof AGENDA_ORIGINS)[number];

/** What a non-region org is (DOMAIN.md §6): 园区 · 企业 · 医院 · 学校 · 社区 · 其他. Regions keep their level. */
export const ORG_UNIT_TYPES = ["park", "enterprise", "hospital", "school", "community", "other"] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

/** How sites are counted in research statistics: towns and villages by level, other units by type. */
export const SITE_KINDS = ["town", "village", ...ORG_UNIT_TYPES] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** 调研方式: 实地考察 · 入户走访 · 座谈会 · 个别访谈 · 问卷调查 · 查阅资料 · 暗访. */
export const RESEARCH_METHODS = [
  "site_visit",
  "household_visit",
  "symposium",
  "interview",
  "questionnaire",
  "document_review",
  "unannounced_visit",
] as const;
export type ResearchMethod = (typeof RESEARCH_METHODS)[number];

/** 走访户 (households visited) or 慰问困难户 (households in difficulty consoled). */
export const HOUSEHOLD_KINDS = ["visited", "consoled"] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];

/** 成果转化: what a research result became — a decision, a rule, a measure or a rectification. */
export const RESEARCH_OUTCOME_KINDS = ["decision", "rule", "measure", "rectification"] as const;
export type ResearchOutcomeKind = (typeof RESEARCH_OUTCOME_KINDS)[number];

/** Records a research outcome or a problem's source can point at. */
export const SOURCE_RECORD_TYPES = [
  "research_finding",
  "supervision_finding",
  "meeting_decision",
  "opinion",
  "review_opinion",
  "instruction",
  "problem",
  "measure",
] as const;
export type SourceRecordType = (typeof SOURCE_RECORD_TYPES)[number];
/** Rungs of the escalation ladder an item can reach (催办, 督办单, 挂牌督办, 约谈, 通报, 问责). */
export const ESCALATION_STEPS = ["urging", "notice", "listing", "interview", "circular", "referral"] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
