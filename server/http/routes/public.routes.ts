import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data } from "../../../contract/schemas/common.ts";
import {
  BallotInfo,
  BallotTokenBody,
  CastBallotBody,
  LodgeObjectionBody,
} from "../../../contract/schemas/problem.ts";
import { lodgeObjection } from "../../domain/problems/objection.commands.ts";
import { castBallot, getBallotInfo } from "../../domain/problems/public-review.commands.ts";

const tags = ["public"];

/** The public portal's door: no session; a ballot token is the credential. */
export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/api/v1/public/ballot-info",
    {
      config: { auth: "public" },
      schema: { tags, security: [], body: BallotTokenBody, response: { 200: Data(BallotInfo) } },
    },
    async (req) => ({ data: await getBallotInfo(req.ctx, req.body) }),
  );
  app.post(
    "/api/v1/public/ballots",
    {
      config: { auth: "public" },
      schema: {
        tags,
        security: [],
        body: CastBallotBody,
        response: { 200: Data(Type.Object({ ok: Type.Boolean() })) },
      },
    },
    async (req) => ({ data: await castBallot(req.ctx, req.body) }),
  );
  app.post(
    "/api/v1/public/objections",
    {
      config: { auth: "public" },
      schema: {
        tags,
        security: [],
        body: LodgeObjectionBody,
        response: { 200: Data(Type.Object({ ok: Type.Boolean() })) },
      },
    },
    async (req) => ({ data: await lodgeObjection(req.ctx, req.body) }),
  );
};
