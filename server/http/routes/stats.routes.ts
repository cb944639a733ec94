import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Data } from "../../../contract/schemas/common.ts";
import {
  RegionsQuery,
  StatsOverview,
  StatsQuery,
  StatsRegions,
  StatsTrend,
  TrendQuery,
} from "../../../contract/schemas/stats.ts";
import { getStatsOverview, getStatsRegions } from "../../domain/stats/stats.queries.ts";
import { getStatsTrend } from "../../domain/stats/stats.trend.ts";

const tags = ["statistics"];

export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/stats/overview",
    {
      schema: {
        tags,
        summary: "Counts by status, category, light, rectify type, source, closure kind; overdue; escalation",
        querystring: StatsQuery,
        response: { 200: Data(StatsOverview) },
      },
    },
    async (req) => ({ data: await getStatsOverview(req.ctx, req.query) }),
  );
  app.get(
    "/api/v1/stats/trend",
    {
      schema: {
        tags,
        summary: "Items registered, closed and returned per week or month",
        querystring: TrendQuery,
        response: { 200: Data(StatsTrend) },
      },
    },
    async (req) => ({ data: await getStatsTrend(req.ctx, req.query) }),
  );
  app.get(
    "/api/v1/stats/regions",
    {
      schema: {
        tags,
        summary: "Items led by each org one or two levels below a starting org (drill-down, map)",
        querystring: RegionsQuery,
        response: { 200: Data(StatsRegions) },
      },
    },
    async (req) => ({ data: await getStatsRegions(req.ctx, req.query) }),
  );
};
