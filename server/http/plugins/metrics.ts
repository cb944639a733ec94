import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { DomainError } from "../../domain/errors.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** True when the Authorization header carries `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  return timingSafeEqual(digest(header ?? ""), digest(`Bearer ${token}`));
}

/**
 * Prometheus metrics at `/metrics`: process metrics and request durations by route and status.
 * With a token, a scrape must send it as `Authorization: Bearer <token>`; without, it is open.
 */
export function registerMetrics(app: FastifyInstance, token: string | null): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get("/metrics", { config: { auth: "public" }, schema: { hide: true } }, async (req, reply) => {
    if (token && !bearerMatches(req.headers.authorization, token)) throw new DomainError("unauthenticated");
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
