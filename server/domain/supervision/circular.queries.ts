import type { CircularTone } from "../../../contract/enums.ts";
import type { CircularView } from "../../../contract/schemas/supervision.ts";
import type { Ctx } from "../../context.ts";
import type { CircularsTable } from "../../db/schema.ts";
import { type Actor, holdsRole, isWithin, scopeRoots } from "../access/actor.ts";
import { inAnySubtree } from "../access/subtree.ts";
import { authorize, notFound } from "../errors.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { orgNames } from "./supervision.shared.ts";

/**
 * A circular is read by those above its issuer (it is within their scope) and by those below it
 * (it was circulated down to them); a sibling subtree never sees it.
 */
export const circularReadable = (a: Actor, issuerPath: string) => {
  const roots = scopeRoots(a, LEDGER_ROLES);
  return roots === null || roots.some((r) => isWithin(r, issuerPath) || isWithin(issuerPath, r));
};

async function toCircularViews(ctx: Ctx, rows: CircularsTable[]): Promise<CircularView[]> {
  const [names, items] = await Promise.all([
    orgNames(
      ctx,
      rows.map((r) => r.issuerOrgId),
    ),
    rows.length === 0
      ? []
      : ctx.db
          .selectFrom("circularItems")
          .innerJoin("problems", "problems.id", "circularItems.problemId")
          .select(["circularItems.circularId", "problems.id", "problems.code", "problems.title"])
          .where(
            "circularItems.circularId",
            "in",
            rows.map((r) => r.id),
          )
          .orderBy("problems.code")
          .execute(),
  ]);
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    docNumber: c.docNumber,
    body: c.body,
    tone: c.tone as CircularTone,
    issuerOrgId: c.issuerOrgId,
    issuerOrgName: names.get(c.issuerOrgId) ?? "",
    items: items.filter((i) => i.circularId === c.id).map(({ id, code, title }) => ({ id, code, title })),
    createdByName: c.createdByName,
    createdAt: c.createdAt,
  }));
}

/** One circular the actor may read; 404 otherwise. */
export async function getCircularView(ctx: Ctx, id: string): Promise<CircularView> {
  const row = await ctx.db.selectFrom("circulars").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !circularReadable(ctx.actor, row.issuerPath)) throw notFound();
  return (await toCircularViews(ctx, [row]))[0];
}

/** Circulars issued within the actor's scope or above it, newest first. */
export async function listCirculars(ctx: Ctx) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const roots = scopeRoots(ctx.actor, LEDGER_ROLES);
  if (roots !== null && roots.length === 0) return { data: [], total: 0 };
  let q = ctx.db.selectFrom("circulars").selectAll();
  if (roots !== null) {
    // above me: my root starts with its issuer path; below me: its issuer path starts with my root
    const ancestors = [
      ...new Set(
        roots.flatMap((r) =>
          r
            .split("/")
            .slice(1, -1)
            .map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}/`),
        ),
      ),
    ];
    q = q.where((eb) => eb.or([inAnySubtree("issuerPath", roots), eb("issuerPath", "in", ancestors)]));
  }
  const rows = await q.orderBy("createdAt", "desc").orderBy("id").limit(200).execute();
  return { data: await toCircularViews(ctx, rows), total: rows.length };
}
