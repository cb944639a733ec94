import { sql } from "kysely";
import type { Role } from "../../../contract/enums.ts";
import type { UserView } from "../../../contract/schemas/user.ts";
import type { Ctx } from "../../context.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { signInDelaysByName } from "../auth/sign-in-delay.ts";
import { authorize, notFound } from "../errors.ts";
import { userPolicy } from "./user.policy.ts";

/** A user with the path of their home org, for policy checks. */
export async function loadUserWithOrg(ctx: Ctx, id: string) {
  const user = await ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .selectAll("users")
    .select(["orgs.path as orgPath", "orgs.name as orgName"])
    .where("users.id", "=", id)
    .executeTakeFirst();
  if (!user) throw notFound();
  return user;
}

/** One user the actor may manage or is; 404 otherwise. */
export async function findUserById(ctx: Ctx, id: string) {
  const user = await loadUserWithOrg(ctx, id).catch(() => null);
  if (!user || !userPolicy.read(ctx.actor, user)) throw notFound();
  return user;
}

async function rolesOf(ctx: Ctx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ctx.db
    .selectFrom("roleAssignments")
    .innerJoin("orgs", "orgs.id", "roleAssignments.orgId")
    .select([
      "roleAssignments.userId",
      "roleAssignments.role",
      "roleAssignments.orgId",
      "orgs.name as orgName",
    ])
    .where("roleAssignments.userId", "in", userIds)
    .orderBy("roleAssignments.createdAt")
    .execute();
}

type UserRowWithOrg = Awaited<ReturnType<typeof loadUserWithOrg>>;

function toUserView(
  u: UserRowWithOrg,
  roles: Awaited<ReturnType<typeof rolesOf>>,
  delays: Map<string, string>,
): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    orgId: u.orgId,
    orgName: u.orgName,
    active: u.active === 1,
    mfaEnabled: u.mfaEnabled === 1,
    // sign-ins are delayed per address, not locked: this is the latest delay from any address
    lockedUntil: delays.get(u.username) ?? null,
    roles: roles
      .filter((r) => r.userId === u.id)
      .map((r) => ({ role: r.role as Role, orgId: r.orgId, orgName: r.orgName })),
    email: u.email ?? null,
  };
}

export async function getUserView(ctx: Ctx, id: string): Promise<UserView> {
  const user = await findUserById(ctx, id);
  return toUserView(user, await rolesOf(ctx, [id]), await signInDelaysByName(ctx, [user.username]));
}

/** Users whose home org is in the admin's subtree, by username or display name. */
export async function listUsers(ctx: Ctx, f: { q?: string; limit?: number; offset?: number }) {
  authorize(holdsRole(ctx.actor, "admin"));
  let q = ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .where(scopePredicate("orgs.path", ctx.actor, ["admin"]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`users.username LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`users.display_name LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await q
    .selectAll("users")
    .select(["orgs.path as orgPath", "orgs.name as orgName"])
    .orderBy("users.username")
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  const roles = await rolesOf(
    ctx,
    rows.map((r) => r.id),
  );
  const delays = await signInDelaysByName(
    ctx,
    rows.map((r) => r.username),
  );
  return { data: rows.map((r) => toUserView(r, roles, delays)), total: Number(total) };
}
