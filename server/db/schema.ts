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
  failedLogins: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
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
  createdAt: string;
  updatedAt: string;
}

export interface ProblemCoOrgsTable {
  problemId: string;
  orgId: string;
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

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  recoveryCodes: RecoveryCodesTable;
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
  counters: CountersTable;
  campaigns: CampaignsTable;
  campaignCategories: CampaignCategoriesTable;
  problems: ProblemsTable;
  problemCoOrgs: ProblemCoOrgsTable;
  measures: MeasuresTable;
  tasks: TasksTable;
  progressReports: ProgressReportsTable;
  attachments: AttachmentsTable;
  ballotTokens: BallotTokensTable;
  ballots: BallotsTable;
  objections: ObjectionsTable;
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
}

export type { Generated };
