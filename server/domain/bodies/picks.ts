import type { Role } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { OrgsTable } from "../../db/schema.ts";
import { assignedOnly, inScope } from "../access/actor.ts";
import { DomainError } from "../errors.ts";

const refuse = (code: "org_outside_scope" | "org_inactive" | "user_outside_scope", field: string) =>
  new DomainError(code, {}, [{ field, code: "invalid" }]);

/**
 * Orgs the actor picks for a body (contact points, member units, places): each must exist, be
 * active and lie within the actor's own role assignments (a derived scope is never handed on).
 */
export async function pickOrgs(
  ctx: Ctx,
  ids: readonly string[],
  field: (i: number) => string,
  roles?: readonly Role[],
): Promise<OrgsTable[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await ctx.db.selectFrom("orgs").selectAll().where("id", "in", unique).execute();
  const own = assignedOnly(ctx.actor);
  return unique.map((id) => {
    const org = rows.find((o) => o.id === id);
    const i = ids.indexOf(id);
    if (!org || !inScope(own, org.path, roles)) throw refuse("org_outside_scope", field(i));
    if (org.active !== 1) throw refuse("org_inactive", field(i));
    return org;
  });
}

/** People the actor picks (members, leaders, conveners, liaison officers): active accounts at home in the actor's scope. */
export async function pickPeople(
  ctx: Ctx,
  ids: readonly string[],
  field: (i: number) => string,
): Promise<{ id: string; displayName: string; orgPath: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .select(["users.id", "users.displayName", "users.active", "orgs.path as orgPath"])
    .where("users.id", "in", unique)
    .execute();
  const own = assignedOnly(ctx.actor);
  return unique.map((id) => {
    const u = rows.find((r) => r.id === id);
    if (u?.active !== 1 || !inScope(own, u.orgPath))
      throw refuse("user_outside_scope", field(ids.indexOf(id)));
    return u;
  });
}
