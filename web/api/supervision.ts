import type { Static } from "@sinclair/typebox";
import type { ProposalStatus } from "../../contract/enums";
import type {
  Board,
  Circular,
  CircularBody,
  InterviewBody,
  IssueNoticeBody,
  ListBody,
  Listing,
  Notice,
  NoticeListQuery,
  ProblemSupervision,
  Proposal,
  ReferralBody,
  RespondNoticeBody,
  UrgeBody,
  VerifyDelistingBody,
} from "../../contract/schemas/supervision";
import { api } from "./client";
import type { Envelope, Page } from "./types";

export type NoticeView = Static<typeof Notice>;
export type BoardView = Static<typeof Board>;
export type ListingView = Static<typeof Listing>;
export type ProposalView = Static<typeof Proposal>;
export type CircularView = Static<typeof Circular>;
export type SupervisionView = Static<typeof ProblemSupervision>;
export type NoticeQuery = Static<typeof NoticeListQuery>;
export type NewCircular = Static<typeof CircularBody>;

const enc = encodeURIComponent;

/** Bodies of the 督办 actions on one item, keyed by the ability that allows each. */
export interface SupervisionActionBodies {
  urge: Static<typeof UrgeBody>;
  issueNotice: Static<typeof IssueNoticeBody>;
  list: Static<typeof ListBody>;
  requestDelisting: Static<typeof ListBody>;
  verifyDelisting: Static<typeof VerifyDelistingBody>;
  interview: Static<typeof InterviewBody>;
  refer: Static<typeof ReferralBody>;
}
export type SupervisionAction = keyof SupervisionActionBodies;

const PATHS: Record<SupervisionAction, string> = {
  urge: "urgings",
  issueNotice: "notices",
  list: "listing",
  requestDelisting: "listing/delist-request",
  verifyDelisting: "listing/verify",
  interview: "interviews",
  refer: "referrals",
};

export const SUPERVISION_KEY = ["supervision"] as const;
export const supervisionKey = (problemId: string) => ["supervision", "problem", problemId] as const;

export async function fetchSupervision(problemId: string): Promise<SupervisionView> {
  return (await api.get<Envelope<SupervisionView>>(`/api/v1/problems/${enc(problemId)}/supervision`)).data;
}

/** Runs one 督办 action on an item; the answer is what the server returned (card or notice). */
export async function runSupervisionAction<A extends SupervisionAction>(
  problemId: string,
  action: A,
  body: SupervisionActionBodies[A],
): Promise<unknown> {
  return (await api.post<Envelope<unknown>>(`/api/v1/problems/${enc(problemId)}/${PATHS[action]}`, body))
    .data;
}

export async function fetchBoard(): Promise<BoardView> {
  return (await api.get<Envelope<BoardView>>("/api/v1/supervision/board")).data;
}

export function listNotices(query: NoticeQuery): Promise<Page<NoticeView>> {
  return api.get<Page<NoticeView>>("/api/v1/notices", query);
}

export async function respondToNotice(
  id: string,
  body: Static<typeof RespondNoticeBody>,
): Promise<NoticeView> {
  return (await api.post<Envelope<NoticeView>>(`/api/v1/notices/${enc(id)}/response`, body)).data;
}

export async function closeNotice(id: string, note?: string): Promise<NoticeView> {
  return (await api.post<Envelope<NoticeView>>(`/api/v1/notices/${enc(id)}/close`, { note })).data;
}

export const noticeDocxUrl = (id: string) => `/api/v1/notices/${enc(id)}/docx`;
export const circularDocxUrl = (id: string) => `/api/v1/circulars/${enc(id)}/docx`;

export function listListings(): Promise<Page<ListingView>> {
  return api.get<Page<ListingView>>("/api/v1/listings");
}

export function listProposals(status?: ProposalStatus): Promise<Page<ProposalView>> {
  return api.get<Page<ProposalView>>("/api/v1/escalation-proposals", { status });
}

export async function decideProposal(id: string, accept: boolean, note?: string): Promise<ProposalView> {
  return (
    await api.post<Envelope<ProposalView>>(`/api/v1/escalation-proposals/${enc(id)}/decide`, { accept, note })
  ).data;
}

export function listCirculars(): Promise<Page<CircularView>> {
  return api.get<Page<CircularView>>("/api/v1/circulars");
}

export async function issueCircular(body: NewCircular): Promise<CircularView> {
  return (await api.post<Envelope<CircularView>>("/api/v1/circulars", body)).data;
}
