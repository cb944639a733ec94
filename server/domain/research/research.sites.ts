import type { SiteKind } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { type CountedSite, siteKind } from "./research.figures.ts";

/** Every ancestor path of a materialised path, itself included (`/a/b/` → `/a/`, `/a/b/`). */
export function pathsUpFrom(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}/`);
}

export type SiteRow = CountedSite & {
  visitId: string;
  name: string;
  cityName: string | null;
  countyName: string | null;
};

/** The sites of the visits, each with its kind and the city and county (设区市, 县份) it lies in. */
export async function loadSites(ctx: Ctx, visitIds: string[]): Promise<SiteRow[]> {
  if (visitIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("researchSites")
    .innerJoin("orgs", "orgs.id", "researchSites.orgId")
    .select([
      "researchSites.visitId",
      "researchSites.sortOrder",
      "orgs.id",
      "orgs.name",
      "orgs.kind",
      "orgs.level",
      "orgs.unitType",
      "orgs.path",
    ])
    .where("researchSites.visitId", "in", visitIds)
    .orderBy("researchSites.visitId")
    .orderBy("researchSites.sortOrder")
    .execute();
  const prefixes = [...new Set(rows.flatMap((r) => pathsUpFrom(r.path)))];
  const regions = new Map<string, { id: string; name: string; level: string | null }>();
  for (let i = 0; i < prefixes.length; i += 500) {
    const found = await ctx.db
      .selectFrom("orgs")
      .select(["id", "name", "level", "path"])
      .where("path", "in", prefixes.slice(i, i + 500))
      .where("kind", "=", "region")
      .where("level", "in", ["city", "county"])
      .execute();
    for (const o of found) regions.set(o.path, o);
  }
  return rows.map((r) => {
    const up = pathsUpFrom(r.path).map((p) => regions.get(p));
    const city = up.find((o) => o?.level === "city") ?? null;
    const county = up.find((o) => o?.level === "county") ?? null;
    return {
      visitId: r.visitId,
      orgId: r.id,
      name: r.name,
      kind: siteKind(r) as SiteKind,
      cityId: city?.id ?? null,
      countyId: county?.id ?? null,
      cityName: city?.name ?? null,
      countyName: county?.name ?? null,
    };
  });
}
