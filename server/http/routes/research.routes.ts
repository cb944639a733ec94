import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  ConvertResearchFindingBody,
  CreateResearchBody,
  FindingInput,
  ResearchDetail,
  ResearchListQuery,
  ResearchRow,
  ResearchStats,
  ResearchStatsQuery,
  UpdateResearchBody,
} from "../../../contract/schemas/research.ts";
import { convertResearchFinding } from "../../domain/research/finding.commands.ts";
import {
  createResearchVisit,
  recordResearchFinding,
  updateResearchVisit,
} from "../../domain/research/research.commands.ts";
import { getResearchDetail, listResearch } from "../../domain/research/research.queries.ts";
import { researchStatistics } from "../../domain/research/research.stats.ts";

const tags = ["research"];
const Detail = { 200: Data(ResearchDetail) };

/** 调研: the register of research visits, findings → problems, and the statistics computed from them. */
export const researchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/research",
    { schema: { tags, querystring: ResearchListQuery, response: { 200: Data(Type.Array(ResearchRow)) } } },
    async (req) => ({ data: await listResearch(req.ctx, req.query) }),
  );
  app.get(
    "/api/v1/research/statistics",
    { schema: { tags, querystring: ResearchStatsQuery, response: { 200: Data(ResearchStats) } } },
    async (req) => ({ data: await researchStatistics(req.ctx, req.query) }),
  );
  app.post(
    "/api/v1/research",
    { schema: { tags, body: CreateResearchBody, response: Detail } },
    async (req) => ({ data: await createResearchVisit(req.ctx, req.body) }),
  );
  app.get("/api/v1/research/:id", { schema: { tags, params: IdParams, response: Detail } }, async (req) => ({
    data: await getResearchDetail(req.ctx, req.params.id),
  }));
  app.put(
    "/api/v1/research/:id",
    { schema: { tags, params: IdParams, body: UpdateResearchBody, response: Detail } },
    async (req) => ({ data: await updateResearchVisit(req.ctx, { visitId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/research/:id/findings",
    { schema: { tags, params: IdParams, body: FindingInput, response: Detail } },
    async (req) => ({ data: await recordResearchFinding(req.ctx, { visitId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/research-findings/:id/to-problem",
    { schema: { tags, params: IdParams, body: ConvertResearchFindingBody, response: Detail } },
    async (req) => ({
      data: await convertResearchFinding(req.ctx, { findingId: req.params.id, ...req.body }),
    }),
  );
};
