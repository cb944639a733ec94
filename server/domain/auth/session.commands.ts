import { randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { MFA_ROLES } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { holdsRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { DomainError, invalid } from "../errors.ts";
import { clearFailures, delayedUntil, secondsUntil, takeRateLimit } from "../limits/rate-limit.ts";
import { mfaBinding, openSecret, sealSecret } from "../secrets/secrets.commands.ts";
import { checkPasswordStrength, hashPassword, passwordMatches } from "./password.ts";
import { loadGrants } from "./session.queries.ts";
import { countSignInFailure, LOGIN_DELAY, signInDelayKey } from "./sign-in-delay.ts";
import { hashToken, newRecoveryCodes, newTotpSecret, totpUrl, totpValid } from "./totp.ts";

const token = () => randomBytes(32).toString("base64url");

/** Ends every open session of a user (password, role or activity change). */
export async function revokeSessions(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db
    .updateTable("sessions")
    .set({ revokedAt: iso(ctx.now()) })
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .execute();
}

async function rootPath(ctx: Ctx): Promise<string> {
  const root = await ctx.db
    .selectFrom("orgs")
    .select("path")
    .where("parentId", "is", null)
    .orderBy("path")
    .executeTakeFirst();
  return root?.path ?? "/";
}

async function loadLoginUser(ctx: Ctx, where: { username?: string; id?: string }) {
  let q = ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .selectAll("users")
    .select("orgs.path as orgPath");
  q = where.id ? q.where("users.id", "=", where.id) : q.where("users.username", "=", where.username ?? "");
  return q.executeTakeFirst();
}

export type LoginUser = NonNullable<Awaited<ReturnType<typeof loadLoginUser>>>;

export interface LoginResult {
  token: string;
  csrfToken: string;
  stage: "full" | "mfa" | "enrol";
  userId: string;
}

/** Refuses with 429 `login_delayed` while failures from this address on this account are being waited out. */
async function refuseWhileDelayed(ctx: Ctx, username: string): Promise<void> {
  const until = await delayedUntil(ctx, LOGIN_DELAY, signInDelayKey(username, ctx.ip));
  if (until) throw new DomainError("login_delayed", { retryAfter: secondsUntil(until, ctx.now()) });
}

/**
 * Checks a password and opens a session. An unknown user, a wrong password and a deactivated
 * account get the same answer (401 `invalid_credentials`), so nobody learns which accounts exist.
 * Failures are audited (the audit commits even though the caller gets an error) and slow down the
 * (address, account) pair with a growing delay instead of locking the account: a stranger cannot
 * keep the real user out. LOGIN_RATE_PER_MINUTE caps attempts per address, on every instance.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
): Promise<LoginResult> {
  await takeRateLimit(ctx, {
    bucket: "login",
    key: ctx.ip ?? "-",
    max: ctx.config.loginRatePerMinute,
    windowMs: 60_000,
  });
  await refuseWhileDelayed(ctx, input.username);
  const found = await loadLoginUser(ctx, { username: input.username });
  // Verify even for unknown users so timing does not reveal which usernames exist.
  const ok = await passwordMatches(found?.passwordHash ?? DUMMY_HASH, input.password);
  const outcome = await inTx(ctx, async (ctx): Promise<LoginResult | DomainError> => {
    const user = found && (await loadLoginUser(ctx, { id: found.id }));
    const actorCtx = { ...ctx, actor: { ...ctx.actor, userId: user?.id ?? null, name: input.username } };
    const reason = !user ? "unknown_user" : !ok ? "password" : user.active !== 1 ? "inactive" : null;
    if (!user || reason) {
      await recordAudit(actorCtx, {
        type: "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? "unknown",
        scopePath: user?.orgPath ?? (await rootPath(ctx)),
        data: user
          ? { reason: reason ?? "unknown_user" }
          : { username: input.username.slice(0, 64), reason: "unknown_user" },
      });
      await countSignInFailure(actorCtx, input.username, user ?? null, await rootPath(ctx));
      return new DomainError("invalid_credentials");
    }
    const grants = await loadGrants(ctx, user.id);
    const needsMfa =
      ctx.config.requireMfa &&
      holdsRole({ kind: "user", userId: user.id, name: "", homePath: "", grants }, MFA_ROLES);
    const stage = user.mfaEnabled === 1 ? "mfa" : needsMfa ? "enrol" : "full";
    const sessionToken = token();
    const csrfToken = token();
    const now = ctx.now();
    await ctx.db
      .insertInto("sessions")
      .values({
        id: hashToken(sessionToken),
        userId: user.id,
        csrfToken,
        stage,
        ip: ctx.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        createdAt: iso(now),
        lastSeenAt: iso(now),
        expiresAt: iso(new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000)),
        revokedAt: null,
      })
      .execute();
    // a second factor still to come keeps the count: only a full proof forgets the failures
    if (stage !== "mfa")
      await clearFailures(ctx, LOGIN_DELAY, { key: signInDelayKey(user.username, ctx.ip) });
    await recordAudit(actorCtx, {
      type: "auth.login_succeeded",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
      data: { stage },
    });
    return { token: sessionToken, csrfToken, stage, userId: user.id };
  });
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

// A valid argon2id hash of a random string, so unknown users cost the same time as known ones.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$QSzMk5sJaHvPM3QobJTMEg$guo/r8SoQtshBcbZTyTm80VRAdcARF+IOieKNGu1ZRI";

/** Ends the current session. */
export async function logout(ctx: Ctx): Promise<void> {
  await inTx(ctx, async (ctx) => {
    if (!ctx.sessionId || !ctx.actor.userId) return;
    await ctx.db
      .updateTable("sessions")
      .set({ revokedAt: iso(ctx.now()) })
      .where("id", "=", ctx.sessionId)
      .execute();
    await recordAudit(ctx, {
      type: "auth.logged_out",
      entityType: "user",
      entityId: ctx.actor.userId,
      scopePath: ctx.actor.homePath,
    });
  });
}

async function currentUser(ctx: Ctx): Promise<LoginUser> {
  const user = ctx.actor.userId ? await loadLoginUser(ctx, { id: ctx.actor.userId }) : undefined;
  if (!user) throw new DomainError("unauthenticated");
  return user;
}

/**
 * The user's TOTP secret in clear, or "" when it cannot be opened (its key is gone): then only a
 * recovery code gets them in, and the log says why.
 */
function activeTotpSecret(ctx: Ctx, user: LoginUser): string {
  try {
    return openSecret(ctx, user.mfaSecret ?? "", mfaBinding(user.id));
  } catch (err) {
    ctx.log.error({ err, userId: user.id }, "TOTP secret cannot be opened with the secrets key");
    return "";
  }
}

/** Second login step: a TOTP code or an unused recovery code upgrades the session. */
export async function verifyMfa(ctx: Ctx, input: { code: string }): Promise<void> {
  const error = await inTx(ctx, async (ctx) => {
    const user = await currentUser(ctx);
    await refuseWhileDelayed(ctx, user.username);
    const code = input.code.trim().toLowerCase();
    let how: "totp" | "recovery" | null = null;
    if (user.mfaSecret && totpValid(activeTotpSecret(ctx, user), code, ctx.now())) how = "totp";
    else {
      const recovery = await ctx.db
        .selectFrom("recoveryCodes")
        .select("id")
        .where("userId", "=", user.id)
        .where("codeHash", "=", hashToken(code))
        .where("usedAt", "is", null)
        .executeTakeFirst();
      if (recovery) {
        await ctx.db
          .updateTable("recoveryCodes")
          .set({ usedAt: iso(ctx.now()) })
          .where("id", "=", recovery.id)
          .execute();
        how = "recovery";
      }
    }
    const entity = { entityType: "user", entityId: user.id, scopePath: user.orgPath };
    if (!how) {
      await recordAudit(ctx, { type: "auth.mfa_failed", ...entity, data: { reason: "mfa" } });
      await countSignInFailure(ctx, user.username, user);
      return new DomainError("invalid_mfa_code");
    }
    await ctx.db
      .updateTable("sessions")
      .set({ stage: "full" })
      .where("id", "=", ctx.sessionId ?? "")
      .execute();
    await clearFailures(ctx, LOGIN_DELAY, { key: signInDelayKey(user.username, ctx.ip) });
    await recordAudit(ctx, {
      type: how === "totp" ? "auth.mfa_verified" : "auth.recovery_code_used",
      ...entity,
    });
    return null;
  });
  if (error) throw error;
}

/** Starts TOTP enrolment: a new secret, as a QR code for the authenticator app. */
export async function enrolMfa(ctx: Ctx) {
  return inTx(ctx, async (ctx) => {
    const user = await currentUser(ctx);
    const secret = newTotpSecret();
    await ctx.db
      .updateTable("users")
      .set({ mfaPendingSecret: sealSecret(ctx, secret, mfaBinding(user.id)) })
      .where("id", "=", user.id)
      .execute();
    const otpauthUrl = totpUrl(secret, user.username);
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  });
}

/** Confirms enrolment with a first code; returns recovery codes, shown once. */
export async function activateMfa(ctx: Ctx, input: { code: string }): Promise<{ recoveryCodes: string[] }> {
  return inTx(ctx, async (ctx) => {
    const user = await currentUser(ctx);
    if (!user.mfaPendingSecret) throw new DomainError("mfa_not_pending");
    const pending = openSecret(ctx, user.mfaPendingSecret, mfaBinding(user.id));
    if (!totpValid(pending, input.code.trim(), ctx.now())) throw invalid("invalid_mfa_code", "code");
    const recoveryCodes = newRecoveryCodes();
    await ctx.db
      .updateTable("users")
      .set({
        mfaSecret: user.mfaPendingSecret,
        mfaPendingSecret: null,
        mfaEnabled: 1,
        updatedAt: iso(ctx.now()),
      })
      .where("id", "=", user.id)
      .execute();
    await ctx.db.deleteFrom("recoveryCodes").where("userId", "=", user.id).execute();
    await ctx.db
      .insertInto("recoveryCodes")
      .values(
        recoveryCodes.map((c) => ({ id: newId(), userId: user.id, codeHash: hashToken(c), usedAt: null })),
      )
      .execute();
    await ctx.db
      .updateTable("sessions")
      .set({ stage: "full" })
      .where("id", "=", ctx.sessionId ?? "")
      .execute();
    await recordAudit(ctx, {
      type: "auth.mfa_enrolled",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
    });
    return { recoveryCodes };
  });
}

/** Changes the caller's own password; every session of theirs ends, this one included. */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  checkPasswordStrength(input.newPassword, ctx.config.passwordMinLength, "newPassword");
  const user = await currentUser(ctx);
  await refuseWhileDelayed(ctx, user.username);
  if (!(await passwordMatches(user.passwordHash, input.currentPassword))) {
    // a guess at the current password is a failed sign-in: audited, and it counts toward the delay
    await inTx(ctx, async (ctx) => {
      await recordAudit(ctx, {
        type: "auth.password_change_failed",
        entityType: "user",
        entityId: user.id,
        scopePath: user.orgPath,
        data: { reason: "password" },
      });
      await countSignInFailure(ctx, user.username, user);
    });
    throw invalid("password_wrong", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword, ctx.config.argon2MemoryKib);
  await inTx(ctx, async (ctx) => {
    const now = iso(ctx.now());
    await ctx.db
      .updateTable("users")
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where("id", "=", user.id)
      .execute();
    await revokeSessions(ctx, user.id);
    await recordAudit(ctx, {
      type: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
    });
  });
}
