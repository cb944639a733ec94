import type { Static } from "@sinclair/typebox";
import type {
  Figure as FigureSchema,
  StatsOverview as OverviewSchema,
  RegionsQuery,
  StatsRegions as RegionsSchema,
  TrendQuery,
  StatsTrend as TrendSchema,
} from "../../contract/schemas/stats";
import { api } from "./client";
import type { Envelope } from "./types";

export type Figure = Static<typeof FigureSchema>;
export type StatsOverview = Static<typeof OverviewSchema>;
export type StatsTrend = Static<typeof TrendSchema>;
export type StatsRegions = Static<typeof RegionsSchema>;
export type StatsParams = Static<typeof RegionsQuery> & Pick<Static<typeof TrendQuery>, "unit">;

const query = (p: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string | number
  >;

export async function fetchOverview(p: StatsParams): Promise<StatsOverview> {
  const { campaignId, orgId, from, to } = p;
  return (
    await api.get<Envelope<StatsOverview>>("/api/v1/stats/overview", query({ campaignId, orgId, from, to }))
  ).data;
}

export async function fetchTrend(p: StatsParams): Promise<StatsTrend> {
  const { campaignId, orgId, from, to, unit } = p;
  return (
    await api.get<Envelope<StatsTrend>>("/api/v1/stats/trend", query({ campaignId, orgId, from, to, unit }))
  ).data;
}

export async function fetchRegions(p: StatsParams): Promise<StatsRegions> {
  const { campaignId, orgId, from, to, depth } = p;
  return (
    await api.get<Envelope<StatsRegions>>(
      "/api/v1/stats/regions",
      query({ campaignId, orgId, from, to, depth }),
    )
  ).data;
}
