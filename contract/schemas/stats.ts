import { type Static, Type } from "@sinclair/typebox";
import { DateOnly } from "./campaign.ts";
import { Id } from "./common.ts";
import { ProblemListQuery } from "./problem.ts";

/** The ledger filter that lists exactly the rows behind a figure (the ledger's query without paging). */
export const LedgerFilter = Type.Omit(ProblemListQuery, ["sort", "limit", "offset"]);
export type LedgerFilterValue = Static<typeof LedgerFilter>;

/** One number with the ledger filter of its rows. */
export const Figure = Type.Object({
  key: Type.String(),
  label: Type.Optional(Type.String()),
  count: Type.Integer(),
  filter: LedgerFilter,
});
export type FigureView = Static<typeof Figure>;

const statsFields = {
  campaignId: Type.Optional(Id),
  /** The unit whose subtree is counted, by lead unit (牵头单位); also where drill-down starts. */
  orgId: Type.Optional(Id),
  /** Registered from / to (Asia/Shanghai dates); the trend's range. */
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
};
export const StatsQuery = Type.Object(statsFields, { additionalProperties: false });
export type StatsInput = Static<typeof StatsQuery>;

export const TrendQuery = Type.Object(
  {
    ...statsFields,
    unit: Type.Optional(Type.Union([Type.Literal("week"), Type.Literal("month")], { default: "week" })),
  },
  { additionalProperties: false },
);
export type TrendInput = Static<typeof TrendQuery>;

export const RegionsQuery = Type.Object(
  { ...statsFields, depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, default: 1 })) },
  { additionalProperties: false },
);
export type RegionsInput = Static<typeof RegionsQuery>;

export const StatsOverview = Type.Object({
  /** Today (Asia/Shanghai): overdue means a deadline before it. */
  asOf: Type.String(),
  total: Figure,
  byStatus: Type.Array(Figure),
  byCategory: Type.Array(Figure),
  byLight: Type.Array(Figure),
  byRectifyType: Type.Array(Figure),
  bySourceType: Type.Array(Figure),
  byClosureKind: Type.Array(Figure),
  overdue: Figure,
  escalation: Type.Array(Figure),
});
export type StatsOverviewView = Static<typeof StatsOverview>;

export const StatsTrend = Type.Object({
  unit: Type.Union([Type.Literal("week"), Type.Literal("month")]),
  from: Type.String(),
  to: Type.String(),
  buckets: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      registered: Figure,
      closed: Figure,
      returned: Figure,
    }),
  ),
});
export type StatsTrendView = Static<typeof StatsTrend>;

const OrgSummary = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  kind: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
});

export const StatsRegions = Type.Object({
  org: OrgSummary,
  parentId: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Array(
    Type.Object({
      ...OrgSummary.properties,
      hasChildren: Type.Boolean(),
      total: Figure,
      closed: Figure,
      overdue: Figure,
    }),
  ),
});
export type StatsRegionsView = Static<typeof StatsRegions>;
