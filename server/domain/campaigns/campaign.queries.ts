import type { CampaignView } from "../../../contract/schemas/campaign.ts";
import type { Ctx } from "../../context.ts";
import { inScope } from "../access/actor.ts";
import { notFound } from "../errors.ts";
import { campaignSettings } from "./campaign.settings.ts";

export async function loadCampaign(ctx: Ctx, id: string) {
  return ctx.db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

async function toViews(ctx: Ctx, rows: Awaited<ReturnType<typeof loadCampaign>>[]): Promise<CampaignView[]> {
  const campaigns = rows.filter((r) => r !== undefined);
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const [categories, orgs, counts] = await Promise.all([
    ctx.db
      .selectFrom("campaignCategories")
      .selectAll()
      .where("campaignId", "in", ids)
      .orderBy("sortOrder")
      .execute(),
    ctx.db
      .selectFrom("orgs")
      .select(["id", "name"])
      .where(
        "id",
        "in",
        campaigns.map((c) => c.ownerOrgId),
      )
      .execute(),
    ctx.db
      .selectFrom("problems")
      .select(["campaignId", (eb) => eb.fn.countAll<number>().as("n")])
      .where("campaignId", "in", ids)
      .groupBy("campaignId")
      .execute(),
  ]);
  return campaigns.map((c) => ({
    id: c.id,
    name: c.name,
    ownerOrgId: c.ownerOrgId,
    ownerOrgName: orgs.find((o) => o.id === c.ownerOrgId)?.name ?? "",
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    phase: c.phase as CampaignView["phase"],
    settings: campaignSettings(c.settingsJson),
    categories: categories
      .filter((k) => k.campaignId === c.id)
      .map((k) => ({
        id: k.id,
        name: k.name,
        portraitTemplate: JSON.parse(k.portraitTemplateJson) as string[],
      })),
    problemCount: Number(counts.find((n) => n.campaignId === c.id)?.n ?? 0),
  }));
}

/**
 * A campaign is visible to users at or above its owner org and to everyone within the owner's
 * subtree (a county works on the region's campaign). Campaigns are few, so the filter runs here.
 */
const visible = (ctx: Ctx, ownerPath: string) =>
  inScope(ctx.actor, ownerPath) || ctx.actor.grants.some((g) => g.orgPath.startsWith(ownerPath));

export async function listCampaigns(ctx: Ctx): Promise<CampaignView[]> {
  const rows = await ctx.db.selectFrom("campaigns").selectAll().orderBy("startsOn", "desc").execute();
  return toViews(
    ctx,
    rows.filter((r) => visible(ctx, r.ownerPath)),
  );
}

/** A campaign the actor may see; 404 otherwise. */
export async function findCampaignById(ctx: Ctx, id: string) {
  const row = await loadCampaign(ctx, id);
  if (!row || !visible(ctx, row.ownerPath)) throw notFound();
  return row;
}

export async function getCampaignView(ctx: Ctx, id: string): Promise<CampaignView> {
  return (await toViews(ctx, [await findCampaignById(ctx, id)]))[0];
}
