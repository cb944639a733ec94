import type { WebhookKind } from "../../../contract/enums.ts";
import type {
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookView,
} from "../../../contract/schemas/notification.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { inScope } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, invalid, notFound } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { sealSecret, webhookBinding } from "../secrets/secrets.commands.ts";
import { webhookPolicy } from "./notification.policy.ts";
import { robotUrlProblem } from "./robot-url.ts";
import { findWebhookById, getWebhookView, maskUrl } from "./webhook.queries.ts";

/** Refuses (400/422) any address but the kind's official robot host over https. */
function checkRobotUrl(kind: WebhookKind, url: string): void {
  const problem = robotUrlProblem(kind, url);
  if (problem) throw invalid(problem, "url");
}

/** A signing secret as stored: sealed, or null when none is given. */
const sealedOrNull = (ctx: Ctx, secret: string | null | undefined, webhookId: string) => {
  const clear = secret?.trim();
  return clear ? sealSecret(ctx, clear, webhookBinding(webhookId)) : null;
};

/** Configures a DingTalk or WeCom group robot for an org in the actor's subtree. */
export async function createWebhook(ctx: Ctx, input: CreateWebhookInput): Promise<WebhookView> {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId).catch(() => null);
    // an org outside every scope of the actor is not revealed (404); inside it, the role decides (403)
    if (!org || !inScope(ctx.actor, org.path)) throw notFound();
    authorize(webhookPolicy.manage(ctx.actor, org.path));
    checkRobotUrl(input.kind, input.url);
    const id = newId();
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("orgWebhooks")
      .values({
        id,
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        name: input.name.trim(),
        url: input.url.trim(),
        secret: sealedOrNull(ctx, input.secret, id),
        active: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAudit(ctx, {
      type: "webhook.created",
      entityType: "webhook",
      entityId: id,
      scopePath: org.path,
      data: {
        orgId: org.id,
        kind: input.kind,
        name: input.name,
        url: maskUrl(input.url),
        hasSecret: !!input.secret,
      },
    });
    return getWebhookView(ctx, id);
  });
}

/** Renames, re-points, re-keys, pauses or resumes a webhook. */
export async function updateWebhook(
  ctx: Ctx,
  input: UpdateWebhookInput & { webhookId: string },
): Promise<WebhookView> {
  return inTx(ctx, async (ctx) => {
    const hook = await findWebhookById(ctx, input.webhookId);
    if (input.url !== undefined) checkRobotUrl(hook.kind as WebhookKind, input.url);
    const changes = {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.url !== undefined && { url: input.url.trim() }),
      ...(input.secret !== undefined && { secret: sealedOrNull(ctx, input.secret, hook.id) }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    };
    await ctx.db
      .updateTable("orgWebhooks")
      .set({ ...changes, updatedAt: iso(ctx.now()) })
      .where("id", "=", hook.id)
      .execute();
    await recordAudit(ctx, {
      type: "webhook.updated",
      entityType: "webhook",
      entityId: hook.id,
      scopePath: hook.orgPath,
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.url !== undefined && { url: maskUrl(input.url) }),
        ...(input.secret !== undefined && { secretChanged: true }),
        ...(input.active !== undefined && { active: input.active }),
      },
    });
    return getWebhookView(ctx, hook.id);
  });
}
