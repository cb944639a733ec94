import type { Static } from "@sinclair/typebox";
import type {
  ConvertResearchFindingBody,
  CreateResearchBody,
  ResearchDetail as ResearchDetailSchema,
  ResearchRow as ResearchRowSchema,
  ResearchStats as ResearchStatsSchema,
  UpdateResearchBody,
} from "../../contract/schemas/research";
import { api } from "./client";
import type { Envelope } from "./types";

export type ResearchRow = Static<typeof ResearchRowSchema>;
export type ResearchDetail = Static<typeof ResearchDetailSchema>;
export type ResearchStats = Static<typeof ResearchStatsSchema>;
export type NewResearch = Static<typeof CreateResearchBody>;
export type ResearchChanges = Static<typeof UpdateResearchBody>;
export type FindingToProblem = Static<typeof ConvertResearchFindingBody>;

const BASE = "/api/v1/research";
const enc = encodeURIComponent;

export const RESEARCH_KEY = ["research"] as const;
export const researchKey = (id: string) => ["research", id] as const;
export const statsKey = (q: Record<string, string | undefined>) => ["research", "statistics", q] as const;

export const listResearch = async () => (await api.get<Envelope<ResearchRow[]>>(BASE)).data;
export const fetchResearch = async (id: string) =>
  (await api.get<Envelope<ResearchDetail>>(`${BASE}/${enc(id)}`)).data;
export const createResearch = async (input: NewResearch) =>
  (await api.post<Envelope<ResearchDetail>>(BASE, input)).data;
export const updateResearch = async (id: string, input: ResearchChanges) =>
  (await api.put<Envelope<ResearchDetail>>(`${BASE}/${enc(id)}`, input)).data;
export const addResearchFinding = async (id: string, input: { text: string; orgId?: string }) =>
  (await api.post<Envelope<ResearchDetail>>(`${BASE}/${enc(id)}/findings`, input)).data;
export const findingToProblem = async (findingId: string, input: FindingToProblem) =>
  (await api.post<Envelope<ResearchDetail>>(`/api/v1/research-findings/${enc(findingId)}/to-problem`, input))
    .data;
export const fetchResearchStats = async (q: Record<string, string | undefined>) => {
  const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v));
  return (await api.get<Envelope<ResearchStats>>(`${BASE}/statistics`, query)).data;
};
