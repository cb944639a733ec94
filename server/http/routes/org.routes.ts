import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  CreateOrgBody,
  MoveOrgBody,
  Org,
  OrgListQuery,
  RenameOrgBody,
  SetOrgUnitTypeBody,
} from "../../../contract/schemas/org.ts";
import {
  createOrg,
  moveOrg,
  renameOrg,
  setOrgActive,
  setOrgUnitType,
} from "../../domain/orgs/org.commands.ts";
import { getOrgView, listOrgs, listOrgTreeRoots } from "../../domain/orgs/org.queries.ts";

const tags = ["orgs"];
const OneOrg = { 200: Data(Org) };

export const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/orgs/tree",
    { schema: { tags, response: { 200: Data(Type.Array(Org)) } } },
    async (req) => ({
      data: await listOrgTreeRoots(req.ctx),
    }),
  );
  app.get(
    "/api/v1/orgs",
    { schema: { tags, querystring: OrgListQuery, response: { 200: Data(Type.Array(Org)) } } },
    async (req) => ({ data: await listOrgs(req.ctx, req.query) }),
  );
  app.get("/api/v1/orgs/:id", { schema: { tags, params: IdParams, response: OneOrg } }, async (req) => ({
    data: await getOrgView(req.ctx, req.params.id),
  }));
  app.post("/api/v1/orgs", { schema: { tags, body: CreateOrgBody, response: OneOrg } }, async (req) => ({
    data: await createOrg(req.ctx, req.body),
  }));
  app.patch(
    "/api/v1/orgs/:id",
    { schema: { tags, params: IdParams, body: RenameOrgBody, response: OneOrg } },
    async (req) => ({ data: await renameOrg(req.ctx, { orgId: req.params.id, name: req.body.name }) }),
  );
  app.put(
    "/api/v1/orgs/:id/unit-type",
    { schema: { tags, params: IdParams, body: SetOrgUnitTypeBody, response: OneOrg } },
    async (req) => ({
      data: await setOrgUnitType(req.ctx, { orgId: req.params.id, unitType: req.body.unitType }),
    }),
  );
  app.post(
    "/api/v1/orgs/:id/move",
    { schema: { tags, params: IdParams, body: MoveOrgBody, response: OneOrg } },
    async (req) => ({ data: await moveOrg(req.ctx, { orgId: req.params.id, parentId: req.body.parentId }) }),
  );
  app.post(
    "/api/v1/orgs/:id/deactivate",
    { schema: { tags, params: IdParams, response: OneOrg } },
    async (req) => ({
      data: await setOrgActive(req.ctx, { orgId: req.params.id, active: false }),
    }),
  );
  app.post(
    "/api/v1/orgs/:id/activate",
    { schema: { tags, params: IdParams, response: OneOrg } },
    async (req) => ({
      data: await setOrgActive(req.ctx, { orgId: req.params.id, active: true }),
    }),
  );
};
