import type { Role } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { abilitiesOf } from "../abilities/abilities.ts";
import type { Actor, Grant } from "../access/actor.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { hashToken } from "./totp.ts";

/**
 * The grants (role at org) a user holds, with each org's path: their role assignments, plus
 * `supervisor` over the contact points (联系点) of every supervision group they belong to while
 * the group's period (Asia/Shanghai dates) includes today. Every scoped query and policy reads
 * the actor's grants, so this one place gives group members their scope and takes it away.
 */
export async function loadGrants(ctx: Ctx, userId: string): Promise<Grant[]> {
  const today = shanghaiDate(ctx.now());
  const derived = await ctx.db
    .selectFrom("supervisionGroupMembers")
    .innerJoin("supervisionGroups", "supervisionGroups.id", "supervisionGroupMembers.groupId")
    .innerJoin("supervisionContactPoints", "supervisionContactPoints.groupId", "supervisionGroups.id")
    .innerJoin("orgs", "orgs.id", "supervisionContactPoints.orgId")
    .select(["orgs.id as orgId", "orgs.path as orgPath", "orgs.name as orgName"])
    .where("supervisionGroupMembers.userId", "=", userId)
    .where("supervisionGroups.startsOn", "<=", today)
    .where("supervisionGroups.endsOn", ">=", today)
    .orderBy("orgs.path")
    .execute();
  const seen = new Set<string>();
  const fromGroups: Grant[] = [];
  for (const r of derived) {
    if (seen.has(r.orgId)) continue;
    seen.add(r.orgId);
    fromGroups.push({ role: "supervisor", ...r, via: "supervision_group" });
  }
  return [...(await loadAssignedGrants(ctx, userId)), ...fromGroups];
}

/** The grants of the user's own role assignments. */
async function loadAssignedGrants(ctx: Ctx, userId: string): Promise<Grant[]> {
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
