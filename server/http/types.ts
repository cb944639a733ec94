import type { Lang } from "../../contract/errors.ts";
import type { Ctx } from "../context.ts";
import type { ResolvedSession } from "../domain/auth/session.queries.ts";

/**
 * Who may call a route: `public` (no session), `pending` (a session still in an MFA step),
 * `enrol` (a full session, or one that must enrol MFA first), `full` (default: a complete session).
 */
export type AuthMode = "public" | "pending" | "enrol" | "full";

declare module "fastify" {
  interface FastifyRequest {
    ctx: Ctx;
    lang: Lang;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
}
