import type { Role } from "../../../contract/enums.ts";
import type { CreateUserInput, UserView } from "../../../contract/schemas/user.ts";
import { type Ctx, inTx } from "../../context.ts";
import { bit, iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { checkPasswordStrength, hashPassword } from "../auth/password.ts";
import { revokeSessions } from "../auth/session.commands.ts";
import { LOGIN_DELAY, signInDelayPrefix } from "../auth/sign-in-delay.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { clearFailures } from "../limits/rate-limit.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { userPolicy } from "./user.policy.ts";
import { findUserById, getUserView } from "./user.queries.ts";

type RoleInput = { role: Role; orgId: string };

async function resolveRoleOrgs(ctx: Ctx, roles: RoleInput[]) {
  const seen = new Set<string>();
  const out: RoleInput[] = [];
  for (const [i, r] of roles.entries()) {
    const org = await findOrgById(ctx, r.orgId).catch(() => null);
    if (!org || !userPolicy.assignAt(ctx.actor, org.path)) {
      throw new DomainError("role_outside_scope", {}, [{ field: `roles/${i}/orgId`, code: "invalid" }]);
    }
    const key = `${r.role}@${org.id}`;
    if (!seen.has(key)) out.push({ role: r.role, orgId: org.id });
    seen.add(key);
  }
  return out;
}

async function writeRoles(ctx: Ctx, userId: string, roles: RoleInput[]) {
  await ctx.db.deleteFrom("roleAssignments").where("userId", "=", userId).execute();
  const now = iso(ctx.now());
  if (roles.length > 0) {
    await ctx.db
      .insertInto("roleAssignments")
      .values(roles.map((r) => ({ id: newId(), userId, role: r.role, orgId: r.orgId, createdAt: now })))
      .execute();
  }
}

/** Creates an account with its role assignments (admin, within their subtree; or the system). */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserView> {
  checkPasswordStrength(input.password, ctx.config.passwordMinLength);
  const passwordHash = await hashPassword(input.password, ctx.config.argon2MemoryKib);
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(userPolicy.manage(ctx.actor, org.path));
    const username = input.username.trim();
    const taken = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirst();
    if (taken) throw invalid("username_taken", "username");
    const roles = await resolveRoleOrgs(ctx, input.roles);
    const id = newId();
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("users")
      .values({
        id,
        username,
        displayName: input.displayName.trim(),
        orgId: org.id,
        passwordHash,
        active: 1,
        locale: "zh-CN",
        mfaSecret: null,
        mfaPendingSecret: null,
        mfaEnabled: 0,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await writeRoles(ctx, id, roles);
    await recordAudit(ctx, {
      type: "user.created",
      entityType: "user",
      entityId: id,
      scopePath: org.path,
      data: { username, displayName: input.displayName, orgId: org.id, roles },
    });
    return getUserView(ctx, id);
  });
}

/** Changes a user's display name, e-mail address or active flag; deactivation ends their sessions. */
export async function updateUser(
  ctx: Ctx,
  input: { userId: string; displayName?: string; active?: boolean; email?: string | null },
): Promise<UserView> {
  return inTx(ctx, async (ctx) => {
    const user = await findUserById(ctx, input.userId);
    authorize(userPolicy.manage(ctx.actor, user.orgPath));
    const changes: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName.trim() !== user.displayName) {
      changes.displayName = input.displayName.trim();
    }
    if (input.active !== undefined && bit(input.active) !== user.active) changes.active = bit(input.active);
    if (input.email !== undefined && (input.email?.trim() || null) !== user.email) {
      changes.email = input.email?.trim() || null;
    }
    if (Object.keys(changes).length > 0) {
      await ctx.db
        .updateTable("users")
        .set({ ...changes, updatedAt: iso(ctx.now()) })
        .where("id", "=", user.id)
        .execute();
      if (changes.active === 0) await revokeSessions(ctx, user.id);
      await recordAudit(ctx, {
        type: "user.updated",
        entityType: "user",
        entityId: user.id,
        scopePath: user.orgPath,
        data: changes,
      });
    }
    return getUserView(ctx, user.id);
  });
}

/** Replaces a user's role assignments; their sessions end so the new scope applies at once. */
export async function setUserRoles(
  ctx: Ctx,
  input: { userId: string; roles: RoleInput[] },
): Promise<UserView> {
  return inTx(ctx, async (ctx) => {
    const user = await findUserById(ctx, input.userId);
    authorize(userPolicy.manage(ctx.actor, user.orgPath));
    const roles = await resolveRoleOrgs(ctx, input.roles);
    await writeRoles(ctx, user.id, roles);
    await revokeSessions(ctx, user.id);
    await recordAudit(ctx, {
      type: "user.roles_changed",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
      data: { roles },
    });
    return getUserView(ctx, user.id);
  });
}

/** An admin sets a new password for a user; their sessions end. */
export async function resetUserPassword(
  ctx: Ctx,
  input: { userId: string; password: string },
): Promise<UserView> {
  checkPasswordStrength(input.password, ctx.config.passwordMinLength);
  const passwordHash = await hashPassword(input.password, ctx.config.argon2MemoryKib);
  return inTx(ctx, async (ctx) => {
    const user = await findUserById(ctx, input.userId);
    authorize(userPolicy.manage(ctx.actor, user.orgPath));
    const now = iso(ctx.now());
    await ctx.db
      .updateTable("users")
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where("id", "=", user.id)
      .execute();
    await revokeSessions(ctx, user.id);
    await clearFailures(ctx, LOGIN_DELAY, { prefix: signInDelayPrefix(user.username) });
    await recordAudit(ctx, {
      type: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
    });
    return getUserView(ctx, user.id);
  });
}

/** Lifts the sign-in delays of an account (from every address) before they expire. */
export async function unlockUser(ctx: Ctx, input: { userId: string }): Promise<UserView> {
  return inTx(ctx, async (ctx) => {
    const user = await findUserById(ctx, input.userId);
    authorize(userPolicy.manage(ctx.actor, user.orgPath));
    await clearFailures(ctx, LOGIN_DELAY, { prefix: signInDelayPrefix(user.username) });
    await recordAudit(ctx, {
      type: "user.unlocked",
      entityType: "user",
      entityId: user.id,
      scopePath: user.orgPath,
    });
    return getUserView(ctx, user.id);
  });
}
