import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  DecideExtensionBody,
  ExtensionListQuery,
  PendingExtension,
  RequestExtensionBody,
} from "../../../contract/schemas/extension.ts";
import { ProblemDetail } from "../../../contract/schemas/problem.ts";
import { decideExtension, requestExtension } from "../../domain/extensions/extension.commands.ts";
import { listPendingExtensions } from "../../domain/extensions/extension.queries.ts";

const tags = ["extensions"];
const Detail = { 200: Data(ProblemDetail) };

export const extensionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/api/v1/tasks/:id/extensions",
    {
      schema: {
        tags,
        summary: "The task's unit asks for a later deadline (before the deadline)",
        params: IdParams,
        body: RequestExtensionBody,
        response: Detail,
      },
    },
    async (req) => ({
      data: await requestExtension(req.ctx, { entityType: "task", entityId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/problems/:id/extensions",
    {
      schema: {
        tags,
        summary: "The lead unit asks for a later deadline (before the deadline)",
        params: IdParams,
        body: RequestExtensionBody,
        response: Detail,
      },
    },
    async (req) => ({
      data: await requestExtension(req.ctx, { entityType: "problem", entityId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/extensions/:id/decide",
    {
      schema: {
        tags,
        summary: "Whoever set the deadline approves or refuses",
        params: IdParams,
        body: DecideExtensionBody,
        response: Detail,
      },
    },
    async (req) => ({
      data: await decideExtension(req.ctx, { extensionId: req.params.id, ...req.body }),
    }),
  );
  app.get(
    "/api/v1/extensions",
    {
      schema: {
        tags,
        summary: "Requests waiting for the caller's decision",
        querystring: ExtensionListQuery,
        response: { 200: Type.Object({ data: Type.Array(PendingExtension), total: Type.Integer() }) },
      },
    },
    async (req) => listPendingExtensions(req.ctx, req.query),
  );
};
