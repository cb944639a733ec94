import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Campaign, CreateCampaignBody } from "../../../contract/schemas/campaign.ts";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import { createCampaign } from "../../domain/campaigns/campaign.commands.ts";
import { getCampaignView, listCampaigns } from "../../domain/campaigns/campaign.queries.ts";

const tags = ["campaigns"];

export const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/campaigns",
    { schema: { tags, response: { 200: Data(Type.Array(Campaign)) } } },
    async (req) => ({
      data: await listCampaigns(req.ctx),
    }),
  );
  app.get(
    "/api/v1/campaigns/:id",
    { schema: { tags, params: IdParams, response: { 200: Data(Campaign) } } },
    async (req) => ({
      data: await getCampaignView(req.ctx, req.params.id),
    }),
  );
  app.post(
    "/api/v1/campaigns",
    { schema: { tags, body: CreateCampaignBody, response: { 200: Data(Campaign) } } },
    async (req) => ({
      data: await createCampaign(req.ctx, req.body),
    }),
  );
};
