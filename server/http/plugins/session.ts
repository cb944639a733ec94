import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { langFrom } from "../../../contract/errors.ts";
import type { Config } from "../../config.ts";
import { type Ctx, systemContext, withActor } from "../../context.ts";
import type { Database } from "../../db/connect.ts";
import { publicActor } from "../../domain/access/actor.ts";
import { resolveSession } from "../../domain/auth/session.queries.ts";
import { sendProblem } from "./errors.ts";

export const SESSION_COOKIE = "rectify_sid";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  config: Config,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/**
 * Builds `request.ctx` for every request and enforces the route's auth mode and CSRF:
 * the one gate in front of every route.
 */
export function registerSessionGate(
  app: FastifyInstance,
  config: Config,
  database: Database,
  now: () => Date,
): void {
  app.decorateRequest("ctx", null as unknown as Ctx);
  app.decorateRequest("session", null);
  app.decorateRequest("lang", "zh");
  app.addHook("onRequest", async (request, reply) => {
    request.lang = langFrom(request.headers["accept-language"]);
    const base = systemContext({ db: database.db, engine: database.engine, config }, "anonymous");
    request.ctx = withActor(
      { ...base, now, log: request.log, requestId: request.id, ip: request.ip },
      publicActor(),
      null,
    );
    // API routes need a full session unless they say otherwise; the web app and docs are public.
    const declared = request.routeOptions.config?.auth;
    const mode = request.is404
      ? "public"
      : (declared ?? (request.url.startsWith("/api/") ? "full" : "public"));
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(request.ctx, token) : null;
    request.session = session;
    if (session) request.ctx = withActor(request.ctx, session.actor, session.sessionId);
    if (mode === "public") return;
    if (!session) return sendProblem(request, reply, "unauthenticated");
    if (UNSAFE.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameToken(header, session.csrfToken)) {
        return sendProblem(request, reply, "csrf_invalid");
      }
    }
    if (mode === "pending") return;
    if (session.stage === "mfa") return sendProblem(request, reply, "mfa_required");
    if (session.stage === "enrol" && mode !== "enrol")
      return sendProblem(request, reply, "mfa_enrolment_required");
  });
}
