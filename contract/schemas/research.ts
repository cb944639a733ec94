import { type Static, Type } from "@sinclair/typebox";
import {
  HOUSEHOLD_KINDS,
  PROBLEM_STATUSES,
  RESEARCH_METHODS,
  RESEARCH_OUTCOME_KINDS,
  SITE_KINDS,
} from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Abilities = Type.Record(Type.String(), Type.Boolean());

export const HouseholdInput = Type.Object(
  {
    kind: lit(HOUSEHOLD_KINDS),
    name: Text(100),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const SymposiumInput = Type.Object(
  {
    heldOn: DateOnly,
    place: Text(200),
    /** 参会群体: 村干部, 党员群众代表, 企业负责人 … */
    groups: Type.Array(Text(100), { maxItems: 20, default: [] }),
    participantCount: Type.Integer({ minimum: 0, maximum: 10000 }),
  },
  { additionalProperties: false },
);

export const OutcomeInput = Type.Object(
  {
    kind: lit(RESEARCH_OUTCOME_KINDS),
    text: Text(1000),
    docNumber: Type.Optional(Type.String({ maxLength: 100 })),
    /** The record the result became, when one exists in the product. */
    recordType: Type.Optional(lit(["problem", "measure", "meeting_decision"] as const)),
    recordId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const FindingInput = Type.Object(
  { text: Text(2000), orgId: Type.Optional(Id) },
  { additionalProperties: false },
);

const visitFields = {
  topic: Text(200),
  /** 带队领导: a user of the product, or a named person with a title. */
  leadUserId: Type.Optional(Id),
  leadName: Type.Optional(Text(50)),
  leadTitle: Type.Optional(Type.String({ maxLength: 100 })),
  participants: Type.Array(Text(100), { maxItems: 50, default: [] }),
  startsOn: DateOnly,
  endsOn: DateOnly,
  siteOrgIds: Type.Array(Id, { maxItems: 200, default: [] }),
  methods: Type.Array(lit(RESEARCH_METHODS), { maxItems: 10, default: [] }),
  householdsVisited: Type.Integer({ minimum: 0, maximum: 100000, default: 0 }),
  householdsConsoled: Type.Integer({ minimum: 0, maximum: 100000, default: 0 }),
  households: Type.Array(HouseholdInput, { maxItems: 200, default: [] }),
  symposia: Type.Array(SymposiumInput, { maxItems: 50, default: [] }),
  summary: Type.Optional(Type.String({ maxLength: 5000 })),
  suggestions: Type.Array(Text(2000), { maxItems: 50, default: [] }),
  outcomes: Type.Array(OutcomeInput, { maxItems: 50, default: [] }),
  reportAttachmentId: Type.Optional(Id),
};

/** 调研: who went where, when, whom they met and what they found. */
export const CreateResearchBody = Type.Object(
  {
    orgId: Id,
    ...visitFields,
    findings: Type.Array(FindingInput, { maxItems: 50, default: [] }),
  },
  { additionalProperties: false },
);
export type CreateResearchInput = Static<typeof CreateResearchBody>;

/** Replaces the visit's fields and lists; findings are added one by one and stay once converted. */
export const UpdateResearchBody = Type.Object(visitFields, { additionalProperties: false });
export type UpdateResearchInput = Static<typeof UpdateResearchBody>;

/** A finding becomes a problem: 即知即改 (fixed on the spot) closes it at once, otherwise it is assigned. */
export const ConvertResearchFindingBody = Type.Object(
  {
    campaignId: Id,
    categoryId: Type.Optional(Id),
    title: Type.Optional(Text(200)),
    fixedOnTheSpot: Type.Optional(Type.Boolean({ default: false })),
    /** What was done on the spot (即知即改). */
    fixNote: Type.Optional(Type.String({ maxLength: 2000 })),
    leadOrgId: Type.Optional(Id),
    deadline: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);
export type ConvertResearchFindingInput = Static<typeof ConvertResearchFindingBody>;

export const ResearchListQuery = Type.Object(
  {
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    orgId: Type.Optional(Id),
    leadUserId: Type.Optional(Id),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type ResearchListFilter = Static<typeof ResearchListQuery>;

const Site = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([lit(SITE_KINDS), Type.Null()]),
  cityName: NStr,
  countyName: NStr,
});

export const LinkedProblem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  status: lit(PROBLEM_STATUSES),
  closureKind: NStr,
  rectifyType: Type.String(),
});

export const ResearchRow = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  leadUserId: NStr,
  leadName: Type.String(),
  leadTitle: NStr,
  startsOn: Type.String(),
  endsOn: Type.String(),
  siteCount: Type.Integer(),
  householdsVisited: Type.Integer(),
  householdsConsoled: Type.Integer(),
  symposiumCount: Type.Integer(),
  findingCount: Type.Integer(),
  problemCount: Type.Integer(),
});

export const ResearchDetail = Type.Object({
  ...ResearchRow.properties,
  participants: Type.Array(Type.String()),
  methods: Type.Array(lit(RESEARCH_METHODS)),
  sites: Type.Array(Site),
  households: Type.Array(
    Type.Object({ kind: lit(HOUSEHOLD_KINDS), name: Type.String(), place: NStr, note: NStr }),
  ),
  symposia: Type.Array(
    Type.Object({
      id: Type.String(),
      seqNo: Type.Integer(),
      heldOn: Type.String(),
      place: Type.String(),
      groups: Type.Array(Type.String()),
      participantCount: Type.Integer(),
    }),
  ),
  summary: NStr,
  findings: Type.Array(
    Type.Object({
      id: Type.String(),
      seqNo: Type.Integer(),
      text: Type.String(),
      orgId: NStr,
      orgName: NStr,
      fixedOnTheSpot: Type.Boolean(),
      convertedAt: NStr,
      problem: Type.Union([LinkedProblem, Type.Null()]),
    }),
  ),
  suggestions: Type.Array(
    Type.Object({ id: Type.String(), seqNo: Type.Integer(), text: Type.String(), opinionId: NStr }),
  ),
  outcomes: Type.Array(
    Type.Object({
      id: Type.String(),
      seqNo: Type.Integer(),
      kind: lit(RESEARCH_OUTCOME_KINDS),
      text: Type.String(),
      docNumber: NStr,
      record: Type.Union([
        Type.Object({
          type: Type.String(),
          id: Type.String(),
          label: Type.String(),
          problemId: NStr,
        }),
        Type.Null(),
      ]),
    }),
  ),
  report: Type.Union([
    Type.Object({
      id: Type.String(),
      originalName: Type.String(),
      mime: Type.String(),
      size: Type.Integer(),
    }),
    Type.Null(),
  ]),
  abilities: Abilities,
});
export type ResearchDetailView = Static<typeof ResearchDetail>;

export const ResearchStatsQuery = Type.Object(
  {
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    orgId: Type.Optional(Id),
    leadUserId: Type.Optional(Id),
    leadName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type ResearchStatsFilter = Static<typeof ResearchStatsQuery>;

export const ResearchFigures = Type.Object({
  visits: Type.Integer(),
  cities: Type.Integer(),
  counties: Type.Integer(),
  sites: Type.Integer(),
  sitesByKind: Type.Record(Type.String(), Type.Integer()),
  householdsVisited: Type.Integer(),
  householdsConsoled: Type.Integer(),
  symposia: Type.Integer(),
  findings: Type.Integer(),
  fixedOnTheSpot: Type.Integer(),
  problems: Type.Integer(),
  problemsByStatus: Type.Record(Type.String(), Type.Integer()),
  problemsRectified: Type.Integer(),
});
export type ResearchFiguresView = Static<typeof ResearchFigures>;

export const ResearchStats = Type.Object({
  from: NStr,
  to: NStr,
  totals: ResearchFigures,
  byOfficial: Type.Array(
    Type.Object({
      leadUserId: NStr,
      leadName: Type.String(),
      leadTitle: NStr,
      figures: ResearchFigures,
    }),
  ),
});
