import type { WebhookKind } from "../../../contract/enums.ts";
import type { WebhookView } from "../../../contract/schemas/notification.ts";
import type { Ctx } from "../../context.ts";
import type { OrgWebhooksTable } from "../../db/schema.ts";
import { inScope } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { authorize, notFound } from "../errors.ts";
import { WEBHOOK_ROLES, webhookPolicy } from "./notification.policy.ts";

/** The URL with the values of its query string (the robots' access tokens) masked. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    for (const [k, v] of [...u.searchParams]) {
      u.searchParams.set(k, v.length > 8 ? `${v.slice(0, 4)}…${v.slice(-4)}` : "…");
    }
    return decodeURI(u.toString());
  } catch {
    return "…";
  }
}

type Row = OrgWebhooksTable & { orgName: string };

const toView = (w: Row): WebhookView => ({
  id: w.id,
  orgId: w.orgId,
  orgName: w.orgName,
  kind: w.kind as WebhookKind,
  name: w.name,
  url: maskUrl(w.url),
  hasSecret: w.secret !== null,
  active: w.active === 1,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});

const withOrg = (ctx: Ctx) =>
  ctx.db
    .selectFrom("orgWebhooks")
    .innerJoin("orgs", "orgs.id", "orgWebhooks.orgId")
    .selectAll("orgWebhooks")
    .select("orgs.name as orgName");

/** A webhook the actor may manage; 404 otherwise. */
export async function findWebhookById(ctx: Ctx, id: string): Promise<Row> {
  const row = await withOrg(ctx).where("orgWebhooks.id", "=", id).executeTakeFirst();
  if (!row || !inScope(ctx.actor, row.orgPath)) throw notFound();
  authorize(webhookPolicy.manage(ctx.actor, row.orgPath));
  return row;
}

export async function getWebhookView(ctx: Ctx, id: string): Promise<WebhookView> {
  return toView(await findWebhookById(ctx, id));
}

/** The webhooks of the orgs in the actor's subtree (optionally of one org). */
export async function listWebhooks(ctx: Ctx, f: { orgId?: string }): Promise<WebhookView[]> {
  authorize(webhookPolicy.list(ctx.actor));
  let q = withOrg(ctx).where(scopePredicate("orgWebhooks.orgPath", ctx.actor, WEBHOOK_ROLES));
  if (f.orgId) q = q.where("orgWebhooks.orgId", "=", f.orgId);
  const rows = await q.orderBy("orgs.path").orderBy("orgWebhooks.createdAt").limit(500).execute();
  return rows.map(toView);
}
