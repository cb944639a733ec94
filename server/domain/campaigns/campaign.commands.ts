import type { CreateCampaignInput } from "../../../contract/schemas/campaign.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { getCampaignView } from "./campaign.queries.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "./campaign.settings.ts";

/** Starts a campaign (专项工作) with its categories (突出问题) and settings; coordinators only. */
export async function createCampaign(ctx: Ctx, input: CreateCampaignInput) {
  return inTx(ctx, async (ctx) => {
    const owner = await findOrgById(ctx, input.ownerOrgId);
    authorize(hasRole(ctx.actor, "coordinator", owner.path));
    const id = newId();
    const now = iso(ctx.now());
    const settings = { ...DEFAULT_CAMPAIGN_SETTINGS, ...input.settings };
    await ctx.db
      .insertInto("campaigns")
      .values({
        id,
        name: input.name.trim(),
        ownerOrgId: owner.id,
        ownerPath: owner.path,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        phase: input.phase ?? "investigate",
        settingsJson: JSON.stringify(settings),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await ctx.db
      .insertInto("campaignCategories")
      .values(
        input.categories.map((c, i) => ({
          id: newId(),
          campaignId: id,
          name: c.name.trim(),
          portraitTemplateJson: JSON.stringify(c.portraitTemplate ?? []),
          sortOrder: i + 1,
        })),
      )
      .execute();
    await recordAudit(ctx, {
      type: "campaign.created",
      entityType: "campaign",
      entityId: id,
      scopePath: owner.path,
      data: { name: input.name, categories: input.categories.map((c) => c.name), settings },
    });
    return getCampaignView(ctx, id);
  });
}
