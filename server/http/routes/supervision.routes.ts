import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  Board,
  Circular,
  CircularBody,
  CloseNoticeBody,
  DecideProposalBody,
  InterviewBody,
  IssueNoticeBody,
  ListBody,
  Listing,
  Notice,
  NoticeListQuery,
  ProblemSupervision,
  Proposal,
  ProposalListQuery,
  PublicListing,
  ReferralBody,
  RespondNoticeBody,
  UrgeBody,
  VerifyDelistingBody,
} from "../../../contract/schemas/supervision.ts";
import { circularDocx, noticeDocx } from "../../documents/supervision-docs.ts";
import { issueCircular } from "../../domain/supervision/circular.commands.ts";
import { getCircularView, listCirculars } from "../../domain/supervision/circular.queries.ts";
import { recordInterview } from "../../domain/supervision/interview.commands.ts";
import { listProblem, requestDelisting, verifyDelisting } from "../../domain/supervision/listing.commands.ts";
import {
  closeNotice,
  issueSupervisionNotice,
  respondToNotice,
} from "../../domain/supervision/notice.commands.ts";
import { getNoticeView, listNotices } from "../../domain/supervision/notice.queries.ts";
import { decideProposal } from "../../domain/supervision/proposal.commands.ts";
import { referForAccountability } from "../../domain/supervision/referral.commands.ts";
import {
  getProblemSupervision,
  getSupervisionBoard,
  listListings,
  listProposals,
  listPublicListings,
} from "../../domain/supervision/supervision.queries.ts";
import { urgeProblem } from "../../domain/supervision/urging.commands.ts";

const tags = ["supervision"];
const Card = { 200: Data(ProblemSupervision) };
const page = <T extends Parameters<typeof Type.Array>[0]>(row: T) => ({
  200: Type.Object({ data: Type.Array(row), total: Type.Integer() }),
});
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** RFC 6266 filename*: the name percent-encoded, never raw in the header. */
const attachment = (name: string) =>
  `attachment; filename="download.docx"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 督办: the escalation ladder's door — one route, one use-case. */
export const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const item = (req: { params: { id: string } }) => ({ problemId: req.params.id });

  app.get("/api/v1/supervision/board", { schema: { tags, response: { 200: Data(Board) } } }, async (req) => ({
    data: await getSupervisionBoard(req.ctx),
  }));
  app.get(
    "/api/v1/problems/:id/supervision",
    { schema: { tags, params: IdParams, response: Card } },
    async (req) => ({ data: await getProblemSupervision(req.ctx, req.params.id) }),
  );
  app.post(
    "/api/v1/problems/:id/urgings",
    { schema: { tags, params: IdParams, body: UrgeBody, response: Card } },
    async (req) => ({ data: await urgeProblem(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/notices",
    { schema: { tags, params: IdParams, body: IssueNoticeBody, response: { 200: Data(Notice) } } },
    async (req) => ({ data: await issueSupervisionNotice(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.get(
    "/api/v1/notices",
    { schema: { tags, querystring: NoticeListQuery, response: page(Notice) } },
    async (req) => listNotices(req.ctx, req.query),
  );
  app.get(
    "/api/v1/notices/:id",
    { schema: { tags, params: IdParams, response: { 200: Data(Notice) } } },
    async (req) => ({ data: await getNoticeView(req.ctx, req.params.id) }),
  );
  app.post(
    "/api/v1/notices/:id/response",
    { schema: { tags, params: IdParams, body: RespondNoticeBody, response: { 200: Data(Notice) } } },
    async (req) => ({ data: await respondToNotice(req.ctx, { noticeId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/notices/:id/close",
    { schema: { tags, params: IdParams, body: CloseNoticeBody, response: { 200: Data(Notice) } } },
    async (req) => ({ data: await closeNotice(req.ctx, { noticeId: req.params.id, ...req.body }) }),
  );
  app.get(
    "/api/v1/notices/:id/docx",
    { schema: { tags, params: IdParams, produces: [DOCX] } },
    async (req, reply) => {
      const doc = await noticeDocx(req.ctx, req.params.id);
      return reply.type(DOCX).header("content-disposition", attachment(doc.fileName)).send(doc.bytes);
    },
  );
  app.get("/api/v1/listings", { schema: { tags, response: page(Listing) } }, async (req) =>
    listListings(req.ctx),
  );
  app.post(
    "/api/v1/problems/:id/listing",
    { schema: { tags, params: IdParams, body: ListBody, response: Card } },
    async (req) => ({ data: await listProblem(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/listing/delist-request",
    { schema: { tags, params: IdParams, body: ListBody, response: Card } },
    async (req) => ({ data: await requestDelisting(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/listing/verify",
    { schema: { tags, params: IdParams, body: VerifyDelistingBody, response: Card } },
    async (req) => ({ data: await verifyDelisting(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/interviews",
    { schema: { tags, params: IdParams, body: InterviewBody, response: Card } },
    async (req) => ({ data: await recordInterview(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/referrals",
    { schema: { tags, params: IdParams, body: ReferralBody, response: Card } },
    async (req) => ({ data: await referForAccountability(req.ctx, { ...item(req), ...req.body }) }),
  );
  app.get(
    "/api/v1/escalation-proposals",
    { schema: { tags, querystring: ProposalListQuery, response: page(Proposal) } },
    async (req) => listProposals(req.ctx, req.query),
  );
  app.post(
    "/api/v1/escalation-proposals/:id/decide",
    { schema: { tags, params: IdParams, body: DecideProposalBody, response: { 200: Data(Proposal) } } },
    async (req) => ({ data: await decideProposal(req.ctx, { proposalId: req.params.id, ...req.body }) }),
  );
  app.get("/api/v1/circulars", { schema: { tags, response: page(Circular) } }, async (req) =>
    listCirculars(req.ctx),
  );
  app.post(
    "/api/v1/circulars",
    { schema: { tags, body: CircularBody, response: { 200: Data(Circular) } } },
    async (req) => ({ data: await issueCircular(req.ctx, req.body) }),
  );
  app.get(
    "/api/v1/circulars/:id",
    { schema: { tags, params: IdParams, response: { 200: Data(Circular) } } },
    async (req) => ({ data: await getCircularView(req.ctx, req.params.id) }),
  );
  app.get(
    "/api/v1/circulars/:id/docx",
    { schema: { tags, params: IdParams, produces: [DOCX] } },
    async (req, reply) => {
      const doc = await circularDocx(req.ctx, req.params.id);
      return reply.type(DOCX).header("content-disposition", attachment(doc.fileName)).send(doc.bytes);
    },
  );
  app.get(
    "/api/v1/public/listings",
    { config: { auth: "public" }, schema: { tags: ["public"], security: [], response: page(PublicListing) } },
    async (req) => {
      const rows = await listPublicListings(req.ctx);
      return { data: rows, total: rows.length };
    },
  );
};
