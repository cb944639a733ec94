import type { Ctx } from "../../context.ts";
import { scopePredicate } from "../access/scope.ts";
import { authorize } from "../errors.ts";
import { AUDIT_READERS, auditPolicy } from "./audit.policy.ts";

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
    .where((eb) => scopePredicate(eb, "scope_path", ctx.actor, AUDIT_READERS));
  if (f.type) q = q.where("type", "=", f.type);
  if (f.entityType) q = q.where("entityType", "=", f.entityType);
  if (f.entityId) q = q.where("entityId", "=", f.entityId);
  if (f.actorId) q = q.where("actorId", "=", f.actorId);
  if (f.from) q = q.where("at", ">=", new Date(f.from).toISOString());
  if (f.to) q = q.where("at", "<=", new Date(f.to).toISOString());
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
