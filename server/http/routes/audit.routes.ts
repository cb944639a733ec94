import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  AuditListQuery,
  AuditPage,
  AuditVerifications,
  AuditVerifyResult,
} from "../../../contract/schemas/audit.ts";
import { Data } from "../../../contract/schemas/common.ts";
import { listAuditEvents } from "../../domain/audit/audit.queries.ts";
import { getLatestVerifications, verifyAuditTrail } from "../../domain/audit/audit.verification.ts";

const tags = ["audit"];

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/audit",
    { schema: { tags, querystring: AuditListQuery, response: { 200: AuditPage } } },
    async (req) => listAuditEvents(req.ctx, req.query),
  );
  app.get(
    "/api/v1/audit/verify",
    { schema: { tags, response: { 200: Data(AuditVerifyResult) } } },
    async (req) => ({
      data: await verifyAuditTrail(req.ctx),
    }),
  );
  app.get(
    "/api/v1/audit/verifications/latest",
    { schema: { tags, response: { 200: Data(AuditVerifications) } } },
    async (req) => ({ data: await getLatestVerifications(req.ctx) }),
  );
};
