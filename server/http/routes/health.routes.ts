import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { Database } from "../../db/connect.ts";
import { migrationsCurrent } from "../../db/migrations/index.ts";

const Status = Type.Object({ status: Type.String(), engine: Type.Optional(Type.String()) });

export const healthRoutes =
  (database: Database): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      "/healthz",
      { config: { auth: "public" }, schema: { tags: ["health"], response: { 200: Status } } },
      async () => ({ status: "ok" }),
    );
    app.get(
      "/readyz",
      { config: { auth: "public" }, schema: { tags: ["health"], response: { 200: Status, 503: Status } } },
      async (_req, reply) => {
        try {
          await sql`SELECT 1`.execute(database.db);
          if (!(await migrationsCurrent(database)))
            return reply.code(503).send({ status: "migrations_pending" });
          return { status: "ready", engine: database.engine };
        } catch {
          return reply.code(503).send({ status: "database_unreachable" });
        }
      },
    );
  };
