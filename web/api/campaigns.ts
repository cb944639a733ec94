import type { Static } from "@sinclair/typebox";
import type { Campaign as CampaignSchema, CreateCampaignBody } from "../../contract/schemas/campaign";
import { api } from "./client";
import type { Envelope } from "./types";

export type Campaign = Static<typeof CampaignSchema>;
export type NewCampaign = Static<typeof CreateCampaignBody>;

const BASE = "/api/v1/campaigns";
export const CAMPAIGNS_KEY = ["campaigns"] as const;

export async function listCampaigns(): Promise<Campaign[]> {
  return (await api.get<Envelope<Campaign[]>>(BASE)).data;
}

export async function fetchCampaign(id: string): Promise<Campaign> {
  return (await api.get<Envelope<Campaign>>(`${BASE}/${encodeURIComponent(id)}`)).data;
}

export async function createCampaign(input: NewCampaign): Promise<Campaign> {
  return (await api.post<Envelope<Campaign>>(BASE, input)).data;
}
