import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { Problem } from "../../../contract/schemas/common.ts";

/** `/openapi.json` and `/docs`, generated from the route schemas. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Rectify 整改通 API",
        version: "1",
        description:
          "Errors are application/problem+json with a stable `code` and a message in the language of Accept-Language (zh-CN default). Unsafe requests carry the `x-csrf-token` returned by login.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "rectify_sid" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });
  app.get("/openapi.json", { config: { auth: "public" }, schema: { hide: true } }, async () => app.swagger());
}
