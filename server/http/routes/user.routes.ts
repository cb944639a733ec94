import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  CreateUserBody,
  ResetPasswordBody,
  SetRolesBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from "../../../contract/schemas/user.ts";
import {
  createUser,
  resetUserPassword,
  setUserRoles,
  unlockUser,
  updateUser,
} from "../../domain/users/user.commands.ts";
import { getUserView, listUsers } from "../../domain/users/user.queries.ts";

const tags = ["users"];
const OneUser = { 200: Data(User) };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/users",
    {
      schema: {
        tags,
        querystring: UserListQuery,
        response: { 200: Type.Object({ data: Type.Array(User), total: Type.Integer() }) },
      },
    },
    async (req) => listUsers(req.ctx, req.query),
  );
  app.get("/api/v1/users/:id", { schema: { tags, params: IdParams, response: OneUser } }, async (req) => ({
    data: await getUserView(req.ctx, req.params.id),
  }));
  app.post("/api/v1/users", { schema: { tags, body: CreateUserBody, response: OneUser } }, async (req) => ({
    data: await createUser(req.ctx, req.body),
  }));
  app.patch(
    "/api/v1/users/:id",
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: OneUser } },
    async (req) => ({ data: await updateUser(req.ctx, { userId: req.params.id, ...req.body }) }),
  );
  app.put(
    "/api/v1/users/:id/roles",
    { schema: { tags, params: IdParams, body: SetRolesBody, response: OneUser } },
    async (req) => ({ data: await setUserRoles(req.ctx, { userId: req.params.id, roles: req.body.roles }) }),
  );
  app.post(
    "/api/v1/users/:id/password",
    { schema: { tags, params: IdParams, body: ResetPasswordBody, response: OneUser } },
    async (req) => ({
      data: await resetUserPassword(req.ctx, { userId: req.params.id, password: req.body.password }),
    }),
  );
  app.post(
    "/api/v1/users/:id/unlock",
    { schema: { tags, params: IdParams, response: OneUser } },
    async (req) => ({
      data: await unlockUser(req.ctx, { userId: req.params.id }),
    }),
  );
};
