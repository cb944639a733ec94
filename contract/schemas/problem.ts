import { type Static, Type } from "@sinclair/typebox";
import {
  BALLOT_CHOICES_5,
  CLOSURE_KINDS,
  ESCALATION_STEPS,
  LIGHTS,
  PROBLEM_STATUSES,
  RECTIFY_TYPES,
  SOURCE_TYPES,
  TASK_STATUSES,
} from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";
import { Extension } from "./extension.ts";
import { LightFields, LightHistoryEntry } from "./light.ts";
import { SourceLink } from "./source.ts";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NStr = Nullable(Type.String());

export const Portrait = Type.Object(
  {
    symptoms: Type.Array(Text(500), { maxItems: 30, default: [] }),
    rootCause: Type.Optional(Type.String({ maxLength: 2000 })),
    scope: Type.Optional(Type.String({ maxLength: 1000 })),
    affectedPopulation: Type.Optional(Type.String({ maxLength: 1000 })),
    evidence: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** 备注: free text on a problem's ledger row. */
export const Remarks = Type.String({ maxLength: 500 });
/** Sets or clears (null or blank) a problem's remarks. */
export const RemarksBody = Type.Object(
  { remarks: Type.Union([Remarks, Type.Null()]) },
  { additionalProperties: false },
);

export const CreateProblemBody = Type.Object(
  {
    campaignId: Id,
    categoryId: Type.Optional(Id),
    ownerOrgId: Type.Optional(Id),
    sourceType: lit(SOURCE_TYPES),
    sourceRef: Type.Optional(Type.String({ maxLength: 200 })),
    title: Text(200),
    description: Text(5000),
    portrait: Type.Optional(Portrait),
    rectifyType: lit(RECTIFY_TYPES),
    target: Text(2000),
    acceptanceStandard: Text(2000),
    responsibleLeader: Type.Optional(Type.String({ maxLength: 60 })),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 60 })),
    isPublic: Type.Optional(Type.Boolean()),
    remarks: Type.Optional(Remarks),
  },
  { additionalProperties: false },
);
export type CreateProblemInput = Static<typeof CreateProblemBody>;

export const AssignProblemBody = Type.Object(
  {
    leadOrgId: Id,
    coOrgIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    deadline: DateOnly,
    responsibleLeader: Type.Optional(Type.String({ maxLength: 60 })),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

export const AddMeasureBody = Type.Object(
  {
    title: Text(500),
    target: Type.Optional(Type.String({ maxLength: 2000 })),
    deadline: DateOnly,
    leadOrgId: Type.Optional(Id),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  },
  { additionalProperties: false },
);

export const DecomposeBody = Type.Object(
  {
    tasks: Type.Array(
      Type.Object(
        {
          orgId: Id,
          title: Type.Optional(Text(500)),
          deadline: Type.Optional(DateOnly),
          weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  {
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    text: Text(5000),
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const CompleteTaskBody = Type.Object(
  { text: Text(5000), attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })) },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });

export const CloseOutBody = Type.Object(
  { summary: Text(5000), attachmentIds: Type.Array(Id, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
/** The six review points (DOMAIN.md §2.3), each met or not. */
export const ReviewChecklist = Type.Object(
  {
    factsClear: Type.Boolean(),
    problemSolved: Type.Boolean(),
    tasksDone: Type.Boolean(),
    conclusionAccurate: Type.Boolean(),
    compliant: Type.Boolean(),
    formatCorrect: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal("approve"), Type.Literal("reject")]),
    checklist: ReviewChecklist,
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const StageCloseBody = Type.Object({ summary: Text(5000) }, { additionalProperties: false });
export const FollowUpBody = Type.Object(
  { outcome: Type.Union([Type.Literal("ok"), Type.Literal("relapse")]), note: Text(2000) },
  { additionalProperties: false },
);
export const WithdrawBody = Type.Object(
  {
    kind: Type.Union(CLOSURE_KINDS.filter((k) => k !== "rectified").map((k) => Type.Literal(k))),
    reason: Text(2000),
  },
  { additionalProperties: false },
);

export const IssueTokensBody = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 500 }),
    labels: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export const IssuedTokens = Type.Object({
  expiresAt: Type.String(),
  tokens: Type.Array(Type.Object({ token: Type.String(), label: NStr, url: Type.String() })),
});

export const CastBallotBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 100 }),
    choice: lit(BALLOT_CHOICES_5),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const BallotTokenBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 100 }) },
  { additionalProperties: false },
);
export const BallotInfo = Type.Object({
  problemCode: Type.String(),
  title: Type.String(),
  summary: NStr,
  scale: Type.Union([Type.Literal(3), Type.Literal(5)]),
});

export const Satisfaction = Type.Object({
  required: Type.Boolean(),
  threshold: Type.Number(),
  scale: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  valid: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  tokensIssued: Type.Integer(),
  tokensUsed: Type.Integer(),
  endsAt: NStr,
});

const Abilities = Type.Record(Type.String(), Type.Boolean());
const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });

/** A measure seen as a stage milestone (阶段节点): done once its progress reaches 100. */
export const Milestone = Type.Object({
  seqNo: Type.Integer(),
  title: Type.String(),
  deadline: Type.String(),
  done: Type.Boolean(),
});

export const ProblemRow = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  campaignId: Type.String(),
  campaignName: Type.String(),
  categoryName: NStr,
  sourceType: lit(SOURCE_TYPES),
  sourceRef: NStr,
  description: Type.String(),
  target: Type.String(),
  rectifyType: lit(RECTIFY_TYPES),
  responsibleLeader: NStr,
  responsiblePerson: NStr,
  leadOrgId: NStr,
  leadOrgName: NStr,
  coOrgNames: Type.Array(Type.String()),
  measuresSummary: Type.String(),
  /** 责任单位: the distinct units holding tasks on the problem. */
  responsibleOrgNames: Type.Array(Type.String()),
  /** 阶段节点: the measures as milestones, by deadline. */
  milestones: Type.Array(Milestone),
  originalDeadline: NStr,
  deadline: NStr,
  status: lit(PROBLEM_STATUSES),
  closureKind: Type.Union([lit(CLOSURE_KINDS), Type.Null()]),
  progress: Type.Integer(),
  reopenCount: Type.Integer(),
  closeoutRequestedAt: NStr,
  reviewOpinion: NStr,
  closedAt: NStr,
  followupResult: NStr,
  evidenceCount: Type.Integer(),
  remarks: NStr,
  updatedAt: Type.String(),
  ...LightFields,
});
export type ProblemRowView = Static<typeof ProblemRow>;

export const TaskNode = Type.Recursive((Self) =>
  Type.Object({
    id: Type.String(),
    measureId: Type.String(),
    parentTaskId: NStr,
    title: Type.String(),
    orgId: Type.String(),
    orgName: Type.String(),
    assignerOrgName: Type.String(),
    deadline: Type.String(),
    weight: Type.Integer(),
    status: lit(TASK_STATUSES),
    progress: Type.Integer(),
    originalDeadline: NStr,
    ...LightFields,
    abilities: Abilities,
    children: Type.Array(Self),
  }),
);

export const AttachmentRef = Type.Object({
  id: Type.String(),
  originalName: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
});

export const Objection = Type.Object({
  id: Type.String(),
  round: Type.Integer(),
  text: Type.String(),
  createdAt: Type.String(),
  answer: NStr,
  upheld: Type.Union([Type.Boolean(), Type.Null()]),
  answeredAt: NStr,
});

export const ProblemDetail = Type.Object({
  ...ProblemRow.properties,
  categoryId: NStr,
  portrait: Type.Object({
    symptoms: Type.Array(Type.String()),
    rootCause: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
    affectedPopulation: Type.Optional(Type.String()),
    evidence: Type.Optional(Type.String()),
  }),
  acceptanceStandard: Type.String(),
  ownerOrgId: Type.String(),
  ownerOrgName: Type.String(),
  coOrgs: Type.Array(OrgRef),
  isPublic: Type.Boolean(),
  closeoutSummary: NStr,
  closeoutEvidence: Type.Array(AttachmentRef),
  review: Type.Union([
    Type.Object({
      decision: Type.String(),
      checklist: Type.Record(Type.String(), Type.Boolean()),
      reason: NStr,
      reviewerName: Type.String(),
      at: Type.String(),
    }),
    Type.Null(),
  ]),
  satisfaction: Satisfaction,
  closureReason: NStr,
  followupDue: NStr,
  objections: Type.Array(Objection),
  measures: Type.Array(
    Type.Object({
      id: Type.String(),
      seqNo: Type.Integer(),
      title: Type.String(),
      target: NStr,
      deadline: Type.String(),
      leadOrgId: Type.String(),
      leadOrgName: Type.String(),
      weight: Type.Integer(),
      progress: Type.Integer(),
      abilities: Abilities,
      tasks: Type.Array(TaskNode),
    }),
  ),
  reports: Type.Array(
    Type.Object({
      id: Type.String(),
      taskId: Type.String(),
      taskTitle: Type.String(),
      orgName: Type.String(),
      percent: Type.Integer(),
      text: Type.String(),
      createdByName: Type.String(),
      createdAt: Type.String(),
      attachments: Type.Array(AttachmentRef),
    }),
  ),
  extensions: Type.Array(Extension),
  lightHistory: Type.Array(LightHistoryEntry),
  abilities: Abilities,
  /** The record the problem came from (调研, 督导, 联席会议 …), when it came from one. */
  source: Type.Union([SourceLink, Type.Null()]),
});
export type ProblemDetailView = Static<typeof ProblemDetail>;

export const ProblemListQuery = Type.Object(
  {
    campaignId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    status: Type.Optional(Type.Array(lit(PROBLEM_STATUSES), { maxItems: 7 })),
    light: Type.Optional(Type.Array(lit(LIGHTS), { maxItems: 4 })),
    leadOrgId: Type.Optional(Id),
    rectifyType: Type.Optional(lit(RECTIFY_TYPES)),
    closureKind: Type.Optional(lit(CLOSURE_KINDS)),
    sourceType: Type.Optional(lit(SOURCE_TYPES)),
    deadlineFrom: Type.Optional(DateOnly),
    deadlineTo: Type.Optional(DateOnly),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    /** Registered (立项) between these dates, Asia/Shanghai. */
    registeredFrom: Type.Optional(DateOnly),
    registeredTo: Type.Optional(DateOnly),
    /** Closed (销号) between these dates, Asia/Shanghai. */
    closedFrom: Type.Optional(DateOnly),
    closedTo: Type.Optional(DateOnly),
    /** Returned (退回重办, failed public review, relapse) at least once between these dates. */
    returnedFrom: Type.Optional(DateOnly),
    returnedTo: Type.Optional(DateOnly),
    /** Reached this rung of the escalation ladder at least once. */
    escalation: Type.Optional(lit(ESCALATION_STEPS)),
    sort: Type.Optional(
      Type.Union(
        ["deadline", "-deadline", "code", "-code", "progress", "-progress", "updatedAt", "-updatedAt"].map(
          (s) => Type.Literal(s),
        ),
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ProblemFilter = Static<typeof ProblemListQuery>;

export const TaskRow = Type.Object({
  id: Type.String(),
  problemId: Type.String(),
  problemCode: Type.String(),
  problemTitle: Type.String(),
  measureSeq: Type.Integer(),
  measureTitle: Type.String(),
  title: Type.String(),
  orgName: Type.String(),
  assignerOrgName: Type.String(),
  deadline: Type.String(),
  status: lit(TASK_STATUSES),
  progress: Type.Integer(),
  acknowledgedAt: NStr,
  completedAt: NStr,
  ...LightFields,
  abilities: Abilities,
});

export const ResponsibilityRow = Type.Object({
  problemId: Type.String(),
  problemCode: Type.String(),
  problemTitle: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  role: Type.Union([Type.Literal("lead"), Type.Literal("co"), Type.Literal("task")]),
  responsibleLeader: NStr,
  responsiblePerson: NStr,
  deadline: NStr,
  status: lit(PROBLEM_STATUSES),
  progress: Type.Integer(),
});

export const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  type: Type.String(),
  actorName: NStr,
  data: Type.Unknown(),
});

export const LodgeObjectionBody = Type.Object(
  {
    problemCode: Type.String({ minLength: 3, maxLength: 40 }),
    text: Text(2000),
    contact: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const AnswerObjectionBody = Type.Object(
  { answer: Text(2000), upheld: Type.Boolean() },
  { additionalProperties: false },
);
export const ObjectionParams = Type.Object({ id: Id, objectionId: Id }, { additionalProperties: false });
