import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { countFailure } from "../limits/rate-limit.ts";

/**
 * Failed proofs (password at login, MFA code, current password on a change) slow down the pair
 * (client address, account name) instead of locking the account: after LOCKOUT_THRESHOLD failures
 * each further one makes the pair wait LOGIN_DELAY_BASE_SECONDS, doubling, at most LOCKOUT_MINUTES.
 * The same user from another address is not held up; a stranger cannot lock a real user out.
 */
export const LOGIN_DELAY = "login-delay";

// A run of failures is forgotten a day after its last failure.
const FORGET_MS = 24 * 3_600_000;

const name = (username: string) => username.slice(0, 200);

/** The limiter key of one (account name, address) pair; the name comes first so an unlock finds them all. */
export const signInDelayKey = (username: string, ip: string | null) => `${name(username)}\n${ip ?? "-"}`;

/** The prefix shared by every key of one account name. */
export const signInDelayPrefix = (username: string) => `${name(username)}\n`;

/** Counts a failure for the caller's address on `username`; audits the delay it starts, if any. */
export async function countSignInFailure(
  ctx: Ctx,
  username: string,
  user: { id: string; orgPath: string } | null,
  rootPath?: string,
): Promise<Date | null> {
  const until = await countFailure(ctx, {
    bucket: LOGIN_DELAY,
    key: signInDelayKey(username, ctx.ip),
    free: ctx.config.lockoutThreshold,
    baseMs: ctx.config.loginDelayBaseSeconds * 1000,
    capMs: ctx.config.lockoutMinutes * 60_000,
    forgetMs: FORGET_MS,
  });
  if (until) {
    await recordAudit(ctx, {
      type: "auth.login_delayed",
      entityType: "user",
      entityId: user?.id ?? "unknown",
      scopePath: user?.orgPath ?? rootPath ?? "/",
      data: { until: iso(until), address: ctx.ip, ...(!user && { username: name(username).slice(0, 64) }) },
    });
  }
  return until;
}

/** Per account name, the latest end of a delay in force from any address (the admin's user list shows it). */
export async function signInDelaysByName(ctx: Ctx, usernames: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (usernames.length === 0) return out;
  const rows = await ctx.db
    .selectFrom("rateLimits")
    .select(["key", "blockedUntil"])
    .where("bucket", "=", LOGIN_DELAY)
    .where("blockedUntil", ">", iso(ctx.now()))
    .execute();
  const wanted = new Set(usernames.map(name));
  for (const r of rows) {
    const username = r.key.slice(0, r.key.lastIndexOf("\n"));
    if (!wanted.has(username) || !r.blockedUntil) continue;
    const known = out.get(username);
    if (!known || known < r.blockedUntil) out.set(username, r.blockedUntil);
  }
  return out;
}
