import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { sendProblem } from "./errors.ts";

/** Serves the built web app; unknown non-API GETs get index.html so client routes work on reload. */
export async function registerWeb(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDist, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith("/api/");
    if (hasWeb && !isApi && request.method === "GET") {
      return reply.header("cache-control", "no-store").sendFile("index.html");
    }
    return sendProblem(request, reply, "route_not_found");
  });
}
