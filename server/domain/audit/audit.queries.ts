import { type Expression, type SqlBool, sql } from "kysely";
import type { Ctx } from "../../context.ts";
import { scopeRoots } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { subtreeUpper } from "../access/subtree.ts";
import { authorize, DomainError } from "../errors.ts";
import { AUDIT_READERS, auditPolicy } from "./audit.policy.ts";

/** A date-time the schema let through but JavaScript cannot represent (e.g. a leap second) is a 400. */
function isoOrRefuse(value: string, field: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new DomainError("validation_failed", {}, [{ field, code: "format" }]);
  return d.toISOString();
}

export interface AuditFilter {
  type?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

/**
 * The reader's subtree over `scope_path`. On SQLite the column is written `+scope_path`: with a
 * plain range the planner reads the whole subtree from audit_scope_idx and sorts it by seq (five
 * million events for the region) before taking a page; the unary plus keeps it walking seq
 * backwards (or the entity and actor indexes when those filters are given) and stopping at the page.
 */
function auditScope(ctx: Ctx): Expression<SqlBool> {
  if (ctx.engine !== "sqlite") return scopePredicate("scope_path", ctx.actor, AUDIT_READERS);
  const roots = scopeRoots(ctx.actor, AUDIT_READERS);
  if (roots === null) return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  const ranges = roots.map((r) =>
    r === "" ? sql`+scope_path IS NOT NULL` : sql`(+scope_path >= ${r} AND +scope_path < ${subtreeUpper(r)})`,
  );
  return sql<SqlBool>`(${sql.join(ranges, sql` OR `)})`;
}

/** Audit events newest first, within the reader's subtree, with keyset paging on seq. */
export async function listAuditEvents(ctx: Ctx, f: AuditFilter) {
  authorize(auditPolicy.read(ctx.actor));
  const limit = f.limit ?? 50;
  let q = ctx.db
    .selectFrom("auditEvents")
    .select([
      "seq",
      "id",
      "at",
      "actorId",
      "actorName",
      "type",
      "entityType",
      "entityId",
      "dataJson",
      "ip",
      "hash",
    ])
    .where(auditScope(ctx));
  if (f.type) q = q.where("type", "=", f.type);
  if (f.entityType) q = q.where("entityType", "=", f.entityType);
  if (f.entityId) q = q.where("entityId", "=", f.entityId);
  if (f.actorId) q = q.where("actorId", "=", f.actorId);
  if (f.from) q = q.where("at", ">=", isoOrRefuse(f.from, "from"));
  if (f.to) q = q.where("at", "<=", isoOrRefuse(f.to, "to"));
  if (f.before) q = q.where("seq", "<", f.before);
  const rows = await q
    .orderBy("seq", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    data: page.map(({ dataJson, ...r }) => ({ ...r, data: JSON.parse(dataJson) as unknown })),
    nextBefore: rows.length > limit ? page[page.length - 1].seq : null,
  };
}
