import { sql } from "kysely";
import type { OrgView } from "../../../contract/schemas/org.ts";
import type { Ctx } from "../../context.ts";
import type { OrgsTable } from "../../db/schema.ts";
import { scopeRoots } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { notFound } from "../errors.ts";
import { orgPolicy } from "./org.policy.ts";

export type OrgRow = OrgsTable;

const hasChildren = sql<number>`(SELECT COUNT(*) FROM orgs c WHERE c.parent_id = orgs.id)`.as("childCount");

export const toOrgView = (o: OrgRow & { childCount: number | string }): OrgView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind as OrgView["kind"],
  level: o.level,
  parentId: o.parentId,
  path: o.path,
  active: o.active === 1,
  hasChildren: Number(o.childCount) > 0,
  unitType: o.kind === "region" ? null : ((o.unitType ?? null) as OrgView["unitType"]),
});

/** An org the actor may see; 404 otherwise, so existence is not revealed. */
export async function findOrgById(ctx: Ctx, id: string): Promise<OrgRow> {
  const org = await ctx.db.selectFrom("orgs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!org || !orgPolicy.read(ctx.actor, org)) throw notFound();
  return org;
}

export async function findOrgByCode(ctx: Ctx, code: string): Promise<OrgRow | undefined> {
  return ctx.db.selectFrom("orgs").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function getOrgView(ctx: Ctx, id: string): Promise<OrgView> {
  const org = await ctx.db
    .selectFrom("orgs")
    .selectAll()
    .select(hasChildren)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!org || !orgPolicy.read(ctx.actor, org)) throw notFound();
  return toOrgView(org);
}

/** The roots of the actor's visible tree: one node per scope root. */
export async function listOrgTreeRoots(ctx: Ctx): Promise<OrgView[]> {
  const roots = scopeRoots(ctx.actor);
  let q = ctx.db.selectFrom("orgs").selectAll().select(hasChildren);
  q = roots === null ? q.where("parentId", "is", null) : q.where("path", "in", roots.length ? roots : ["-"]);
  const rows = await q.orderBy("sortKey").execute();
  return rows.map(toOrgView);
}

/** Children of one org (scoped), or a search by name or code across the actor's subtree. */
export async function listOrgs(
  ctx: Ctx,
  f: { parentId?: string; q?: string; limit?: number },
): Promise<OrgView[]> {
  let q = ctx.db
    .selectFrom("orgs")
    .selectAll()
    .select(hasChildren)
    .where(scopePredicate("orgs.path", ctx.actor));
  if (f.parentId) q = q.where("parentId", "=", f.parentId);
  if (f.q) {
    const term = f.q.trim();
    const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`orgs.name LIKE ${`%${escaped}%`} ESCAPE '\\'`,
        sql<boolean>`orgs.code LIKE ${`${escaped}%`} ESCAPE '\\'`,
      ]),
    );
  }
  const rows = await q
    .orderBy("depth")
    .orderBy("sortKey")
    .limit(f.limit ?? 100)
    .execute();
  return rows.map(toOrgView);
}
