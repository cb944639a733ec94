import { sql } from "kysely";
import type { OrgUnitType } from "../../../contract/enums.ts";
import type { CreateOrgInput, OrgView } from "../../../contract/schemas/org.ts";
import { type Ctx, inTx } from "../../context.ts";
import { bit, iso, newId } from "../../db/columns.ts";
import { inSubtree } from "../access/subtree.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { moveProblemScopes } from "../problems/problem.scopes.ts";
import { orgPolicy } from "./org.policy.ts";
import { findOrgByCode, findOrgById, getOrgView } from "./org.queries.ts";

/** Adds a department, town, village or other unit under an org in the admin's subtree. */
export async function createOrg(ctx: Ctx, input: CreateOrgInput): Promise<OrgView> {
  return inTx(ctx, async (ctx) => {
    const parent = await findOrgById(ctx, input.parentId);
    authorize(orgPolicy.create(ctx.actor, parent));
    if (parent.active !== 1) throw invalid("org_inactive", "parentId");
    if (input.kind === "region" && !input.level) throw invalid("org_level_required", "level");
    if (input.kind === "region" && input.unitType) throw invalid("org_unit_type_for_units", "unitType");
    if (input.code && (await findOrgByCode(ctx, input.code))) throw invalid("org_code_taken", "code");
    const id = newId();
    const now = iso(ctx.now());
    const path = `${parent.path}${input.code ?? id}/`;
    await ctx.db
      .insertInto("orgs")
      .values({
        id,
        code: input.code ?? null,
        name: input.name.trim(),
        kind: input.kind,
        level: input.kind === "region" ? (input.level ?? null) : null,
        unitType: input.kind === "region" ? null : (input.unitType ?? null),
        parentId: parent.id,
        path,
        depth: parent.depth + 1,
        sortKey: input.code ?? input.name,
        active: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAudit(ctx, {
      type: "org.created",
      entityType: "org",
      entityId: id,
      scopePath: path,
      data: {
        name: input.name,
        kind: input.kind,
        level: input.level ?? null,
        code: input.code ?? null,
        parentId: parent.id,
        ...(input.unitType && { unitType: input.unitType }),
      },
    });
    return getOrgView(ctx, id);
  });
}

/** Renames an org. */
export async function renameOrg(ctx: Ctx, input: { orgId: string; name: string }): Promise<OrgView> {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(orgPolicy.rename(ctx.actor, org));
    const name = input.name.trim();
    await ctx.db
      .updateTable("orgs")
      .set({ name, updatedAt: iso(ctx.now()) })
      .where("id", "=", org.id)
      .execute();
    await recordAudit(ctx, {
      type: "org.renamed",
      entityType: "org",
      entityId: org.id,
      scopePath: org.path,
      data: { from: org.name, to: name },
    });
    return getOrgView(ctx, org.id);
  });
}

/** Sets the unit type (园区, 企业, 医院, 学校, 社区, 其他) of an org that is not a region; admins. */
export async function setOrgUnitType(
  ctx: Ctx,
  input: { orgId: string; unitType: OrgUnitType },
): Promise<OrgView> {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(orgPolicy.rename(ctx.actor, org));
    if (org.kind === "region") throw invalid("org_unit_type_for_units", "unitType");
    await ctx.db
      .updateTable("orgs")
      .set({ unitType: input.unitType, updatedAt: iso(ctx.now()) })
      .where("id", "=", org.id)
      .execute();
    await recordAudit(ctx, {
      type: "org.unit_type_set",
      entityType: "org",
      entityId: org.id,
      scopePath: org.path,
      data: { from: org.unitType ?? null, to: input.unitType },
    });
    return getOrgView(ctx, org.id);
  });
}

/** Moves an org and its whole subtree under a new parent; every path is rewritten in this transaction. */
export async function moveOrg(ctx: Ctx, input: { orgId: string; parentId: string }): Promise<OrgView> {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(orgPolicy.move(ctx.actor, org));
    if (org.parentId === null) throw invalid("org_is_root", "orgId");
    const parent = await findOrgById(ctx, input.parentId);
    authorize(orgPolicy.create(ctx.actor, parent));
    if (parent.path.startsWith(org.path)) throw invalid("org_move_cycle", "parentId");
    if (parent.active !== 1) throw invalid("org_inactive", "parentId");
    const oldPrefix = org.path;
    const newPrefix = `${parent.path}${oldPrefix.slice(oldPrefix.slice(0, -1).lastIndexOf("/") + 1)}`;
    const depthDelta = parent.depth + 1 - org.depth;
    const now = iso(ctx.now());
    await ctx.db
      .updateTable("orgs")
      .set({
        path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
        depth: sql`depth + ${depthDelta}`,
        updatedAt: now,
      })
      .where(inSubtree("path", oldPrefix))
      .execute();
    await ctx.db.updateTable("orgs").set({ parentId: parent.id }).where("id", "=", org.id).execute();
    await moveProblemScopes(ctx, oldPrefix, newPrefix);
    await recordAudit(ctx, {
      type: "org.moved",
      entityType: "org",
      entityId: org.id,
      scopePath: newPrefix,
      data: { fromParentId: org.parentId, toParentId: parent.id, fromPath: oldPrefix, toPath: newPrefix },
    });
    return getOrgView(ctx, org.id);
  });
}

/** Deactivates or reactivates one org (its subtree stays; new work cannot be assigned to it). */
export async function setOrgActive(ctx: Ctx, input: { orgId: string; active: boolean }): Promise<OrgView> {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(orgPolicy.deactivate(ctx.actor, org));
    if (org.parentId === null) throw invalid("org_is_root", "orgId");
    if ((org.active === 1) !== input.active) {
      await ctx.db
        .updateTable("orgs")
        .set({ active: bit(input.active), updatedAt: iso(ctx.now()) })
        .where("id", "=", org.id)
        .execute();
      await recordAudit(ctx, {
        type: input.active ? "org.activated" : "org.deactivated",
        entityType: "org",
        entityId: org.id,
        scopePath: org.path,
      });
    }
    return getOrgView(ctx, org.id);
  });
}

export interface DivisionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: string;
}

/**
 * Imports administrative divisions (parents before children) that are not there yet,
 * in one transaction with one audit event. Returns how many were added.
 */
export async function importDivisions(ctx: Ctx, rows: DivisionRow[]): Promise<number> {
  return inTx(ctx, async (ctx) => {
    const known = new Map(
      (
        await ctx.db
          .selectFrom("orgs")
          .select(["id", "code", "path", "depth"])
          .where("code", "is not", null)
          .execute()
      ).map((o) => [o.code as string, o]),
    );
    const now = iso(ctx.now());
    const fresh: {
      id: string;
      code: string;
      name: string;
      kind: string;
      level: string;
      parentId: string | null;
      path: string;
      depth: number;
      sortKey: string;
      active: number;
      createdAt: string;
      updatedAt: string;
    }[] = [];
    for (const r of rows) {
      if (known.has(r.code)) continue;
      const parent = r.parentCode ? known.get(r.parentCode) : undefined;
      if (r.parentCode && !parent)
        throw new DomainError("validation_failed", {}, [{ field: r.code, code: "invalid" }]);
      const row = {
        id: newId(),
        code: r.code,
        name: r.name,
        kind: "region",
        level: r.level,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? "/"}${r.code}/`,
        depth: (parent?.depth ?? -1) + 1,
        sortKey: r.code,
        active: 1,
        createdAt: now,
        updatedAt: now,
      };
      fresh.push(row);
      known.set(r.code, row);
    }
    for (let i = 0; i < fresh.length; i += 500) {
      await ctx.db
        .insertInto("orgs")
        .values(fresh.slice(i, i + 500))
        .execute();
    }
    if (fresh.length > 0) {
      const root = fresh[0];
      await recordAudit(ctx, {
        type: "org.imported",
        entityType: "org",
        entityId: root.id,
        scopePath: fresh.reduce((p, r) => (r.path.length < p.length ? r.path : p), root.path),
        data: { count: fresh.length, firstCode: root.code, lastCode: fresh[fresh.length - 1].code },
      });
    }
    return fresh.length;
  });
}
