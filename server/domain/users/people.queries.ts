import { sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { assignedOnly, holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { authorize } from "../errors.ts";

/**
 * The people picker of supervision groups and joint meetings: active accounts at home within the
 * organiser's own scope, by name or username. Only the fields a picker needs.
 */
export async function listPeople(ctx: Ctx, f: { q?: string; limit?: number }) {
  const own = assignedOnly(ctx.actor);
  authorize(holdsRole(own, ["coordinator", "supervisor"]));
  let q = ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.orgId")
    .select([
      "users.id",
      "users.username",
      "users.displayName as name",
      "orgs.id as orgId",
      "orgs.name as orgName",
    ])
    .where("users.active", "=", 1)
    .where(scopePredicate("orgs.path", own));
  const term = f.q?.trim();
  if (term) {
    const escaped = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`users.display_name LIKE ${escaped} ESCAPE '\\'`,
        sql<boolean>`users.username LIKE ${escaped} ESCAPE '\\'`,
      ]),
    );
  }
  const rows = await q
    .orderBy("users.displayName")
    .orderBy("users.id")
    .limit(f.limit ?? 20)
    .execute();
  return { data: rows, total: rows.length };
}
