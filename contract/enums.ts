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
  "groups.read",
  "groups.manage",
  "meetings.read",
  "meetings.manage",
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
