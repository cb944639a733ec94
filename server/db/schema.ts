import type { Generated } from "kysely";

/** Kysely types of every table (camelCase; the database uses snake_case). */
export interface OrgsTable {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  level: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  sortKey: string;
  active: number;
  createdAt: string;
  updatedAt: string;
  /** For orgs that are not regions: park · enterprise · hospital · school · community · other. */
  unitType?: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  passwordHash: string;
  active: number;
  locale: string;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabled: number;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  /** Optional address for e-mail notifications. */
  email: string | null;
}

export interface RoleAssignmentsTable {
  id: string;
  userId: string;
  role: string;
  orgId: string;
  createdAt: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  stage: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  scopePath: string;
  type: string;
  entityType: string;
  entityId: string;
  dataJson: string;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CountersTable {
  key: string;
  value: number;
}

export interface CampaignsTable {
  id: string;
  name: string;
  ownerOrgId: string;
  ownerPath: string;
  startsOn: string;
  endsOn: string;
  phase: string;
  settingsJson: string;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignCategoriesTable {
  id: string;
  campaignId: string;
  name: string;
  portraitTemplateJson: string;
  sortOrder: number;
}

export interface ProblemsTable {
  id: string;
  code: string;
  campaignId: string;
  categoryId: string | null;
  sourceType: string;
  sourceRef: string | null;
  title: string;
  description: string;
  portraitJson: string;
  rectifyType: string;
  target: string;
  acceptanceStandard: string;
  responsibleLeader: string | null;
  responsiblePerson: string | null;
  ownerOrgId: string;
  ownerPath: string;
  leadOrgId: string | null;
  leadPath: string | null;
  originalDeadline: string | null;
  deadline: string | null;
  isPublic: number;
  status: string;
  closureKind: string | null;
  reopenCount: number;
  progress: number;
  closeoutSummary: string | null;
  closeoutRequestedAt: string | null;
  closeoutEvidenceJson: string | null;
  reviewJson: string | null;
  reviewedAt: string | null;
  reviewRound: number;
  publicReviewEndsAt: string | null;
  satisfactionJson: string | null;
  closedAt: string | null;
  closureReason: string | null;
  followupDue: string | null;
  followupResult: string | null;
  createdBy: string | null;
  /** Traffic light (预警灯): green · yellow · orange · red. */
  light: string;
  /** JSON array of the reasons for the light, each `{ code, zh, en }`. */
  lightReasonsJson: string | null;
  /** Planned progress (序时进度), 0–100. */
  plannedProgress: number;
  lightChangedAt: string | null;
  /** The day the problem was handed to its lead unit: where its planned progress starts. */
  assignedOn: string | null;
  /** The day of the latest progress report on any of its tasks. */
  lastReportOn: string | null;
  /** The day the light last left green (cleared when it returns to green). */
  warnedOn: string | null;
  /** 备注: free text on the ledger row (up to 500 characters). */
  remarks: string | null;
  createdAt: string;
  updatedAt: string;
  /** The record the problem came from (research_finding, supervision_finding, meeting_decision, …). */
  sourceRecordType?: string | null;
  sourceRecordId?: string | null;
}

export interface ProblemCoOrgsTable {
  problemId: string;
  orgId: string;
}

/** One org path a problem is visible through (owner, lead, co-operating or task unit). */
export interface ProblemScopesTable {
  problemId: string;
  path: string;
}

export interface MeasuresTable {
  id: string;
  problemId: string;
  seqNo: number;
  title: string;
  target: string | null;
  deadline: string;
  leadOrgId: string;
  weight: number;
  progress: number;
  createdAt: string;
  updatedAt: string;
}

export interface TasksTable {
  id: string;
  problemId: string;
  measureId: string;
  parentTaskId: string | null;
  orgId: string;
  orgPath: string;
  assignerOrgId: string;
  title: string;
  deadline: string;
  weight: number;
  status: string;
  progress: number;
  acknowledgedAt: string | null;
  completedAt: string | null;
  acceptedAt: string | null;
  /** Traffic light (预警灯): green · yellow · orange · red. */
  light: string;
  /** JSON array of the reasons for the light, each `{ code, zh, en }`. */
  lightReasonsJson: string | null;
  /** Planned progress (序时进度), 0–100. */
  plannedProgress: number;
  lightChangedAt: string | null;
  /** The deadline first set; an approved extension moves `deadline` only (按原定时间考核). */
  originalDeadline: string | null;
  lastReportOn: string | null;
  warnedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProgressReportsTable {
  id: string;
  taskId: string;
  problemId: string;
  percent: number;
  text: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  uploadedBy: string;
  ownerPath: string;
  problemId: string | null;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
}

export interface BallotTokensTable {
  id: string;
  problemId: string;
  round: number;
  tokenHash: string;
  label: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface BallotsTable {
  id: string;
  problemId: string;
  round: number;
  tokenId: string;
  choice: string;
  comment: string | null;
  createdAt: string;
}

export interface ObjectionsTable {
  id: string;
  problemId: string;
  round: number;
  text: string;
  contact: string | null;
  createdAt: string;
  answer: string | null;
  upheld: number | null;
  answeredBy: string | null;
  answeredAt: string | null;
  /** Hash of the submitter's address and the normalised text: the same objection twice is one. */
  fingerprint: string | null;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  eventId: string;
  eventType: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  entityType: string;
  entityId: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationOutboxTable {
  id: string;
  channel: string;
  target: string;
  payloadJson: string;
  idempotencyKey: string;
  scopePath: string;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  claimToken: string | null;
  claimedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface OrgWebhooksTable {
  id: string;
  orgId: string;
  orgPath: string;
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationPreferencesTable {
  userId: string;
  emailEnabled: number;
  emailMutedKindsJson: string;
  updatedAt: string;
}

export interface JobLeasesTable {
  jobName: string;
  /** The run slot: floor(epoch ms / everyMs). */
  slot: number;
  instance: string;
  runs: number;
  startedAt: string;
  finishedAt: string | null;
  lastResultJson: string | null;
  lastError: string | null;
}

export interface CalendarYearsTable {
  year: number;
  /** `official` (shipped with the product) or `admin` (entered or corrected by an admin). */
  source: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface CalendarDaysTable {
  date: string;
  year: number;
  /** `holiday` (放假) or `workday` (调休上班). */
  kind: string;
  name: string;
}

export interface ExtensionsTable {
  id: string;
  /** `task` or `problem`. */
  entityType: string;
  entityId: string;
  problemId: string;
  /** The unit that asked (the task's unit, the problem's lead unit). */
  orgId: string;
  orgPath: string;
  /** The unit that set the deadline: the task's assigner, the problem's owner office. */
  assignerPath: string;
  ownerPath: string;
  oldDeadline: string;
  newDeadline: string;
  reason: string;
  /** `pending` · `approved` · `refused`. */
  status: string;
  requestedBy: string | null;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface LightHistoryTable {
  id: string;
  entityType: string;
  entityId: string;
  problemId: string;
  fromLight: string;
  toLight: string;
  reasonsJson: string;
  plannedProgress: number;
  progress: number;
  at: string;
}

export interface UrgingsTable {
  id: string;
  problemId: string;
  taskId: string | null;
  kind: string;
  method: string;
  orgId: string;
  orgPath: string;
  note: string;
  rule: string | null;
  triggerKey: string | null;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
}

export interface SupervisionNoticesTable {
  id: string;
  problemId: string;
  level: string;
  docNumber: string;
  year: number;
  seq: number;
  issuerOrgId: string;
  issuerPath: string;
  addresseeOrgId: string;
  addresseePath: string;
  title: string;
  body: string;
  requirements: string;
  responseDue: string;
  status: string;
  /** `problemId:level` while the notice is not closed; unique, so one item has one open notice per level. */
  openKey: string | null;
  triggerKey: string | null;
  responseText: string | null;
  responseAttachmentsJson: string | null;
  respondedBy: string | null;
  respondedByName: string | null;
  respondedAt: string | null;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: string | null;
  closeNote: string | null;
  issuedBy: string | null;
  issuedByName: string;
  issuedAt: string;
}

export interface ListingsTable {
  id: string;
  problemId: string;
  status: string;
  /** The problem id while listed; unique, so an item is listed once at a time. */
  openKey: string | null;
  reason: string;
  listedBy: string | null;
  listedByName: string;
  listedAt: string;
  delistReason: string | null;
  delistRequestedBy: string | null;
  delistRequestedByName: string | null;
  delistRequestedAt: string | null;
  verifyNote: string | null;
  verifiedBy: string | null;
  verifiedByName: string | null;
  delistedAt: string | null;
}

export interface InterviewsTable {
  id: string;
  problemId: string;
  heldAt: string;
  place: string;
  interviewer: string;
  interviewee: string;
  intervieweeOrgId: string;
  reason: string;
  /** JSON array of `{ text, deadline, taskId }`. */
  commitmentsJson: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
}

export interface CircularsTable {
  id: string;
  title: string;
  docNumber: string;
  body: string;
  tone: string;
  issuerOrgId: string;
  issuerPath: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
}

export interface CircularItemsTable {
  circularId: string;
  problemId: string;
}

export interface AccountabilityReferralsTable {
  id: string;
  problemId: string;
  subjectOrgId: string | null;
  subjectPerson: string | null;
  reason: string;
  referredTo: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
}

export interface EscalationProposalsTable {
  id: string;
  problemId: string;
  kind: string;
  status: string;
  reason: string;
  addresseeOrgId: string;
  addresseePath: string;
  triggerKey: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface SupervisionGroupsTable {
  id: string;
  name: string;
  leaderUserId: string;
  dispatchOrgId: string;
  dispatchPath: string;
  startsOn: string;
  endsOn: string;
  plan: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SupervisionGroupMembersTable {
  groupId: string;
  userId: string;
  isLeader: number;
}

export interface SupervisionContactPointsTable {
  groupId: string;
  orgId: string;
}

export interface SupervisionActivitiesTable {
  id: string;
  groupId: string;
  kind: string;
  heldOn: string;
  place: string;
  placeOrgId: string | null;
  /** JSON array of participant descriptions (names, units). */
  participantsJson: string;
  summary: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface SupervisionFindingsTable {
  id: string;
  groupId: string;
  activityId: string;
  seqNo: number;
  text: string;
  orgId: string | null;
  problemId: string | null;
  convertedAt: string | null;
  createdAt: string;
}

export interface JointMeetingsTable {
  id: string;
  name: string;
  leadOrgId: string;
  leadPath: string;
  convenerUserId: string;
  deputyUserId: string | null;
  duties: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JointMeetingMembersTable {
  bodyId: string;
  orgId: string;
  orgPath: string;
  liaisonUserId: string | null;
  sortOrder: number;
}

export interface MeetingSessionsTable {
  id: string;
  bodyId: string;
  seqNo: number;
  kind: string;
  title: string;
  heldOn: string;
  place: string;
  minutesText: string | null;
  minutesDocNumber: string | null;
  minutesAttachmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingAgendaItemsTable {
  id: string;
  sessionId: string;
  seqNo: number;
  title: string;
  origin: string;
  problemId: string | null;
  createdAt: string;
}

export interface MeetingAttendanceTable {
  sessionId: string;
  orgId: string;
  present: number;
  attendees: string;
  absenceReason: string | null;
}

export interface MeetingDecisionsTable {
  id: string;
  sessionId: string;
  seqNo: number;
  text: string;
  ownerOrgId: string | null;
  deadline: string | null;
  problemId: string | null;
  taskId: string | null;
  convertedAt: string | null;
  createdAt: string;
}

export interface ResearchVisitsTable {
  id: string;
  orgId: string;
  orgPath: string;
  topic: string;
  leadUserId: string | null;
  leadName: string;
  leadTitle: string | null;
  participantsJson: string;
  startsOn: string;
  endsOn: string;
  methodsJson: string;
  householdsVisited: number;
  householdsConsoled: number;
  /** JSON array of `{ kind, name, place, note }`. */
  householdsJson: string;
  summary: string | null;
  reportAttachmentId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ResearchSitesTable {
  visitId: string;
  orgId: string;
  sortOrder: number;
}

export interface ResearchSymposiaTable {
  id: string;
  visitId: string;
  seqNo: number;
  heldOn: string;
  place: string;
  groupsJson: string;
  participantCount: number;
}

export interface ResearchFindingsTable {
  id: string;
  visitId: string;
  seqNo: number;
  text: string;
  orgId: string | null;
  problemId: string | null;
  fixedOnTheSpot: number;
  convertedAt: string | null;
  createdAt: string;
}

export interface ResearchSuggestionsTable {
  id: string;
  visitId: string;
  seqNo: number;
  text: string;
  /** The opinion (意见建议) the suggestion became, set by the opinions module. */
  opinionId: string | null;
}

export interface ResearchOutcomesTable {
  id: string;
  visitId: string;
  seqNo: number;
  kind: string;
  text: string;
  docNumber: string | null;
  recordType: string | null;
  recordId: string | null;
}

/** One return of an item (退回重办, failed public review, relapse), kept for statistics by period. */
export interface ProblemReturnsTable {
  problemId: string;
  returnedAt: string;
  /** The state-machine action: reject · publicFail · followUpRelapse. */
  action: string;
}

/** A rate-limit counter: hits in the window that started at `windowStart`; `blockedUntil` for delays. */
export interface RateLimitsTable {
  bucket: string;
  key: string;
  windowStart: string;
  hits: number;
  blockedUntil: string | null;
  updatedAt: string;
}

/** One full walk of the audit chain (the `audit-verify` job or `rectify audit verify`). */
export interface AuditVerificationsTable {
  id: string;
  /** What started it: `job`, `cli`. */
  trigger: string;
  /** `running`, `ok`, `broken` or `failed` (the walk itself could not finish). */
  status: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The chain head when the walk started. */
  targetSeq: number;
  /** How far the walk has got. */
  checkedSeq: number;
  firstBadSeq: number | null;
  firstBadReason: string | null;
  checkpoints: number | null;
  lastCheckpointSeq: number | null;
  error: string | null;
}

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  recoveryCodes: RecoveryCodesTable;
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
  auditVerifications: AuditVerificationsTable;
  counters: CountersTable;
  campaigns: CampaignsTable;
  campaignCategories: CampaignCategoriesTable;
  problems: ProblemsTable;
  problemCoOrgs: ProblemCoOrgsTable;
  problemScopes: ProblemScopesTable;
  measures: MeasuresTable;
  tasks: TasksTable;
  progressReports: ProgressReportsTable;
  attachments: AttachmentsTable;
  ballotTokens: BallotTokensTable;
  ballots: BallotsTable;
  objections: ObjectionsTable;
  notifications: NotificationsTable;
  notificationOutbox: NotificationOutboxTable;
  orgWebhooks: OrgWebhooksTable;
  notificationPreferences: NotificationPreferencesTable;
  jobLeases: JobLeasesTable;
  calendarYears: CalendarYearsTable;
  calendarDays: CalendarDaysTable;
  extensions: ExtensionsTable;
  lightHistory: LightHistoryTable;
  urgings: UrgingsTable;
  supervisionNotices: SupervisionNoticesTable;
  listings: ListingsTable;
  interviews: InterviewsTable;
  circulars: CircularsTable;
  circularItems: CircularItemsTable;
  accountabilityReferrals: AccountabilityReferralsTable;
  escalationProposals: EscalationProposalsTable;
  supervisionGroups: SupervisionGroupsTable;
  supervisionGroupMembers: SupervisionGroupMembersTable;
  supervisionContactPoints: SupervisionContactPointsTable;
  supervisionActivities: SupervisionActivitiesTable;
  supervisionFindings: SupervisionFindingsTable;
  jointMeetings: JointMeetingsTable;
  jointMeetingMembers: JointMeetingMembersTable;
  meetingSessions: MeetingSessionsTable;
  meetingAgendaItems: MeetingAgendaItemsTable;
  meetingAttendance: MeetingAttendanceTable;
  meetingDecisions: MeetingDecisionsTable;
  researchVisits: ResearchVisitsTable;
  researchSites: ResearchSitesTable;
  researchSymposia: ResearchSymposiaTable;
  researchFindings: ResearchFindingsTable;
  researchSuggestions: ResearchSuggestionsTable;
  researchOutcomes: ResearchOutcomesTable;
  problemReturns: ProblemReturnsTable;
  rateLimits: RateLimitsTable;
}

export type { Generated };
