import type { Role } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { abilitiesOf } from "../access/abilities.ts";
import type { Actor, Grant } from "../access/actor.ts";
import { hashToken } from "./totp.ts";

/** The grants (role at org) a user holds, with each org's path. */
export async function loadGrants(ctx: Ctx, userId: string): Promise<Grant[]> {
  const rows = await ctx.db
    .selectFrom("roleAssignments")
    .innerJoin("orgs", "orgs.id", "roleAssignments.orgId")
    .select(["roleAssignments.role", "roleAssignments.orgId", "orgs.path as orgPath", "orgs.name as orgName"])
    .where("roleAssignments.userId", "=", userId)
    .orderBy("roleAssignments.createdAt")
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** The actor a user is: their name, home org and grants (for sessions, the CLI and seeding). */
export async function loadActor(ctx: Ctx, userId: string): Promise<Actor> {
  const u = await ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .select(["users.id", "users.displayName", "orgs.path"])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    kind: "user",
    userId: u.id,
    name: u.displayName,
    homePath: u.path,
    grants: await loadGrants(ctx, u.id),
  };
}

export interface ResolvedSession {
  sessionId: string;
  stage: "full" | "mfa" | "enrol";
  csrfToken: string;
  actor: Actor;
}

// Touching last_seen_at costs a write; once a minute is precise enough for a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

/** Turns a session cookie into an actor, or null when it is unknown, revoked, idle or expired. */
export async function resolveSession(ctx: Ctx, token: string): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const row = await ctx.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .select([
      "sessions.id",
      "sessions.stage",
      "sessions.csrfToken",
      "sessions.lastSeenAt",
      "sessions.expiresAt",
      "sessions.revokedAt",
      "users.id as userId",
      "users.displayName",
      "users.active",
      "orgs.path as homePath",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || row.revokedAt || row.active !== 1) return null;
  const now = ctx.now();
  const idleLimit = new Date(row.lastSeenAt).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (now >= new Date(row.expiresAt) || now.getTime() >= idleLimit) return null;
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_AFTER_MS) {
    await ctx.db
      .updateTable("sessions")
      .set({ lastSeenAt: iso(now) })
      .where("id", "=", id)
      .execute();
  }
  const grants = row.stage === "full" ? await loadGrants(ctx, row.userId) : [];
  return {
    sessionId: row.id,
    stage: row.stage as ResolvedSession["stage"],
    csrfToken: row.csrfToken,
    actor: { kind: "user", userId: row.userId, name: row.displayName, homePath: row.homePath, grants },
  };
}

/** What the signed-in user sees of themselves, with the abilities the UI uses. */
export async function getMe(ctx: Ctx, csrfToken: string) {
  const userId = ctx.actor.userId;
  if (!userId) throw new Error("getMe needs a user");
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "username", "displayName", "orgId", "locale", "mfaEnabled"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    user: { ...user, mfaEnabled: user.mfaEnabled === 1 },
    roles: ctx.actor.grants.map((g) => ({
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      orgPath: g.orgPath,
    })),
    abilities: abilitiesOf(ctx.actor),
    csrfToken,
  };
}
