import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  Me,
  MfaCodeBody,
  MfaEnrolment,
  RecoveryCodes,
} from "../../../contract/schemas/auth.ts";
import { Data, Ok } from "../../../contract/schemas/common.ts";
import type { Config } from "../../config.ts";
import { type Ctx, withActor } from "../../context.ts";
import {
  activateMfa,
  changePassword,
  enrolMfa,
  login,
  logout,
  verifyMfa,
} from "../../domain/auth/session.commands.ts";
import { getMe, resolveSession } from "../../domain/auth/session.queries.ts";
import { DomainError } from "../../domain/errors.ts";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "../plugins/session.ts";

const tags = ["auth"];

export const authRoutes =
  (config: Config): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      "/api/v1/auth/login",
      {
        config: { auth: "public" },
        schema: { tags, security: [], body: LoginBody, response: { 200: Data(LoginResult) } },
      },
      async (req, reply) => {
        const result = await login(req.ctx, { ...req.body, userAgent: req.headers["user-agent"] });
        setSessionCookie(req, reply, result.token, config);
        const me = result.stage === "full" ? await meForToken(req.ctx, result.token) : null;
        return {
          data: {
            csrfToken: result.csrfToken,
            mfaRequired: result.stage === "mfa",
            mfaEnrolRequired: result.stage === "enrol",
            me,
          },
        };
      },
    );

    app.post(
      "/api/v1/auth/logout",
      { config: { auth: "pending" }, schema: { tags, response: { 200: Data(Ok) } } },
      async (req, reply) => {
        await logout(req.ctx);
        clearSessionCookie(reply);
        return { data: { ok: true } };
      },
    );

    app.get("/api/v1/auth/me", { schema: { tags, response: { 200: Data(Me) } } }, async (req) => ({
      data: await getMe(req.ctx, req.session!.csrfToken),
    }));

    app.post(
      "/api/v1/auth/mfa/verify",
      { config: { auth: "pending" }, schema: { tags, body: MfaCodeBody, response: { 200: Data(Me) } } },
      async (req) => {
        await verifyMfa(req.ctx, req.body);
        return { data: await meForToken(req.ctx, req.cookies[SESSION_COOKIE] ?? "") };
      },
    );

    app.post(
      "/api/v1/auth/mfa/enrol",
      { config: { auth: "enrol" }, schema: { tags, response: { 200: Data(MfaEnrolment) } } },
      async (req) => ({ data: await enrolMfa(req.ctx) }),
    );

    app.post(
      "/api/v1/auth/mfa/activate",
      {
        config: { auth: "enrol" },
        schema: { tags, body: MfaCodeBody, response: { 200: Data(RecoveryCodes) } },
      },
      async (req) => ({ data: await activateMfa(req.ctx, req.body) }),
    );

    app.post(
      "/api/v1/auth/password",
      { schema: { tags, body: ChangePasswordBody, response: { 200: Data(Ok) } } },
      async (req, reply) => {
        await changePassword(req.ctx, req.body);
        clearSessionCookie(reply);
        return { data: { ok: true } };
      },
    );
  };

/** The caller's view as the session behind `token` now stands (after login or an MFA step). */
async function meForToken(ctx: Ctx, token: string) {
  const session = await resolveSession(ctx, token);
  if (!session) throw new DomainError("unauthenticated");
  return getMe(withActor(ctx, session.actor, session.sessionId), session.csrfToken);
}
