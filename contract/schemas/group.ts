import { type Static, Type } from "@sinclair/typebox";
import { PROBLEM_STATUSES, RECTIFY_TYPES, SUPERVISION_ACTIVITY_KINDS } from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Abilities = Type.Record(Type.String(), Type.Boolean());

/** 督导组: who goes, where they look (contact points), when and to what plan. */
export const CreateSupervisionGroupBody = Type.Object(
  {
    name: Text(100),
    dispatchOrgId: Id,
    leaderUserId: Id,
    memberUserIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    contactPointOrgIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    startsOn: DateOnly,
    endsOn: DateOnly,
    plan: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type CreateSupervisionGroupInput = Static<typeof CreateSupervisionGroupBody>;

export const UpdateSupervisionGroupBody = Type.Object(
  {
    name: Type.Optional(Text(100)),
    startsOn: Type.Optional(DateOnly),
    endsOn: Type.Optional(DateOnly),
    plan: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const SetGroupMembersBody = Type.Object(
  { leaderUserId: Id, memberUserIds: Type.Array(Id, { maxItems: 50 }) },
  { additionalProperties: false },
);
export const SetContactPointsBody = Type.Object(
  { orgIds: Type.Array(Id, { maxItems: 50 }) },
  { additionalProperties: false },
);

export const RecordActivityBody = Type.Object(
  {
    kind: lit(SUPERVISION_ACTIVITY_KINDS),
    heldOn: DateOnly,
    place: Text(200),
    placeOrgId: Type.Optional(Id),
    participants: Type.Array(Text(100), { maxItems: 50, default: [] }),
    summary: Type.Optional(Type.String({ maxLength: 5000 })),
    findings: Type.Optional(
      Type.Array(
        Type.Object({ text: Text(2000), orgId: Type.Optional(Id) }, { additionalProperties: false }),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RecordActivityInput = Static<typeof RecordActivityBody>;

export const RecordFindingBody = Type.Object(
  { text: Text(2000), orgId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** Turning a finding (or a meeting decision) into a ledger problem: campaign, category, lead unit, deadline. */
export const ConvertToProblemBody = Type.Object(
  {
    campaignId: Id,
    categoryId: Type.Optional(Id),
    leadOrgId: Id,
    deadline: DateOnly,
    title: Type.Optional(Text(200)),
    rectifyType: Type.Optional(lit(RECTIFY_TYPES)),
    target: Type.Optional(Text(2000)),
    acceptanceStandard: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type ConvertToProblemInput = Static<typeof ConvertToProblemBody>;

export const FindingParams = Type.Object({ id: Id, findingId: Id }, { additionalProperties: false });
export const ActivityParams = Type.Object({ id: Id, activityId: Id }, { additionalProperties: false });

const Person = Type.Object({ id: Type.String(), name: Type.String(), orgName: Type.String() });
const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });

export const SupervisionGroupRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The dispatching org. */
  orgId: Type.String(),
  orgName: Type.String(),
  leaderName: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  active: Type.Boolean(),
  contactPoints: Type.Array(OrgRef),
  activityCount: Type.Integer(),
  findingCount: Type.Integer(),
});

export const LinkedProblem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: lit(PROBLEM_STATUSES),
  progress: Type.Integer(),
  light: Type.String(),
});

export const SupervisionFinding = Type.Object({
  id: Type.String(),
  seqNo: Type.Integer(),
  activityId: Type.String(),
  text: Type.String(),
  orgId: NStr,
  orgName: NStr,
  problem: Type.Union([LinkedProblem, Type.Null()]),
  convertedAt: NStr,
});

export const SupervisionActivity = Type.Object({
  id: Type.String(),
  kind: lit(SUPERVISION_ACTIVITY_KINDS),
  heldOn: Type.String(),
  place: Type.String(),
  placeOrgId: NStr,
  placeOrgName: NStr,
  participants: Type.Array(Type.String()),
  summary: NStr,
  findings: Type.Array(SupervisionFinding),
});

export const ReportFigures = Type.Object({
  activities: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
  places: Type.Integer(),
  findings: Type.Integer(),
  converted: Type.Integer(),
  closed: Type.Integer(),
});

export const SupervisionGroupDetail = Type.Object({
  ...SupervisionGroupRow.properties,
  plan: Type.String(),
  dispatchOrgId: Type.String(),
  leader: Person,
  members: Type.Array(Type.Object({ ...Person.properties, isLeader: Type.Boolean() })),
  activities: Type.Array(SupervisionActivity),
  figures: ReportFigures,
  abilities: Abilities,
});

export const PeopleQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export const PersonRow = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  /** The person's home org. */
  orgId: Type.String(),
  orgName: Type.String(),
});
