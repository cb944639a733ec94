import { type Static, Type } from "@sinclair/typebox";
import { AGENDA_ORIGINS, MEETING_SESSION_KINDS, PROBLEM_STATUSES, TASK_STATUSES } from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Abilities = Type.Record(Type.String(), Type.Boolean());

const MemberInput = Type.Object(
  { orgId: Id, liaisonUserId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** 联席会议: a standing body with a lead org, convener, deputy and member units with liaison officers. */
export const CreateJointMeetingBody = Type.Object(
  {
    name: Text(100),
    leadOrgId: Id,
    convenerUserId: Id,
    deputyUserId: Type.Optional(Id),
    duties: Type.Optional(Type.String({ maxLength: 5000 })),
    members: Type.Array(MemberInput, { maxItems: 60 }),
  },
  { additionalProperties: false },
);
export type CreateJointMeetingInput = Static<typeof CreateJointMeetingBody>;

export const SetMeetingMembersBody = Type.Object(
  { members: Type.Array(MemberInput, { maxItems: 60 }) },
  { additionalProperties: false },
);

export const CreateSessionBody = Type.Object(
  { kind: lit(MEETING_SESSION_KINDS), title: Text(200), heldOn: DateOnly, place: Text(200) },
  { additionalProperties: false },
);

export const AddAgendaItemBody = Type.Object(
  {
    title: Type.Optional(Text(500)),
    problemId: Type.Optional(Id),
    origin: Type.Optional(lit(AGENDA_ORIGINS)),
  },
  { additionalProperties: false },
);

export const AttendanceBody = Type.Object(
  {
    entries: Type.Array(
      Type.Object(
        {
          orgId: Id,
          present: Type.Boolean(),
          attendees: Type.Optional(Type.String({ maxLength: 500 })),
          absenceReason: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
  },
  { additionalProperties: false },
);

export const MinutesBody = Type.Object(
  {
    text: Text(20000),
    docNumber: Type.Optional(Type.String({ maxLength: 60 })),
    attachmentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const RecordDecisionBody = Type.Object(
  { text: Text(2000), ownerOrgId: Type.Optional(Id), deadline: Type.Optional(DateOnly) },
  { additionalProperties: false },
);

export const DecisionToTaskBody = Type.Object(
  {
    problemId: Id,
    measureId: Type.Optional(Id),
    orgId: Id,
    deadline: DateOnly,
    title: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export type DecisionToTaskInput = Static<typeof DecisionToTaskBody>;

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });

export const JointMeetingRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The lead org. */
  orgId: Type.String(),
  orgName: Type.String(),
  convenerName: Type.String(),
  memberCount: Type.Integer(),
  sessionCount: Type.Integer(),
  lastSessionOn: NStr,
});

export const SessionRow = Type.Object({
  id: Type.String(),
  seqNo: Type.Integer(),
  kind: lit(MEETING_SESSION_KINDS),
  title: Type.String(),
  heldOn: Type.String(),
  place: Type.String(),
  decisionCount: Type.Integer(),
  minutesDocNumber: NStr,
});

export const JointMeetingDetail = Type.Object({
  ...JointMeetingRow.properties,
  leadOrgId: Type.String(),
  duties: Type.String(),
  convener: Type.Object({ id: Type.String(), name: Type.String() }),
  deputy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  members: Type.Array(
    Type.Object({
      orgId: Type.String(),
      orgName: Type.String(),
      liaisonUserId: NStr,
      liaisonName: NStr,
    }),
  ),
  sessions: Type.Array(SessionRow),
  abilities: Abilities,
});

const Outcome = Type.Object({
  kind: Type.Union([Type.Literal("problem"), Type.Literal("task")]),
  problemId: Type.String(),
  problemCode: Type.String(),
  status: lit(PROBLEM_STATUSES),
  taskId: NStr,
  taskStatus: Type.Union([lit(TASK_STATUSES), Type.Null()]),
  orgName: NStr,
  deadline: NStr,
  progress: Type.Integer(),
  light: Type.String(),
});

export const DecisionView = Type.Object({
  id: Type.String(),
  seqNo: Type.Integer(),
  text: Type.String(),
  ownerOrgId: NStr,
  ownerOrgName: NStr,
  deadline: NStr,
  convertedAt: NStr,
  outcome: Type.Union([Outcome, Type.Null()]),
});

export const SessionDetail = Type.Object({
  ...SessionRow.properties,
  bodyId: Type.String(),
  bodyName: Type.String(),
  minutes: Type.Object({
    text: NStr,
    docNumber: NStr,
    attachment: Type.Union([OrgRef, Type.Null()]),
  }),
  agenda: Type.Array(
    Type.Object({
      id: Type.String(),
      seqNo: Type.Integer(),
      title: Type.String(),
      origin: lit(AGENDA_ORIGINS),
      problem: Type.Union([
        Type.Object({
          id: Type.String(),
          code: Type.String(),
          status: lit(PROBLEM_STATUSES),
          progress: Type.Integer(),
          light: Type.String(),
        }),
        Type.Null(),
      ]),
    }),
  ),
  attendance: Type.Array(
    Type.Object({
      orgId: Type.String(),
      orgName: Type.String(),
      liaisonName: NStr,
      present: Type.Union([Type.Boolean(), Type.Null()]),
      attendees: Type.String(),
      absenceReason: NStr,
    }),
  ),
  decisions: Type.Array(DecisionView),
  abilities: Abilities,
});

export const ProposedItem = Type.Object({
  problemId: Type.String(),
  code: Type.String(),
  title: Type.String(),
  status: lit(PROBLEM_STATUSES),
  leadOrgName: NStr,
  deadline: NStr,
  progress: Type.Integer(),
  light: Type.String(),
  reasons: Type.Array(Type.Union([Type.Literal("red"), Type.Literal("stuck")])),
  lastProgressOn: Type.String(),
  idleWorkingDays: Type.Integer(),
});

export const PreviousDecisions = Type.Object({
  session: Type.Union([
    Type.Object({ id: Type.String(), seqNo: Type.Integer(), title: Type.String(), heldOn: Type.String() }),
    Type.Null(),
  ]),
  decisions: Type.Array(DecisionView),
});
