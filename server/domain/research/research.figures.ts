import { SITE_KINDS, type SiteKind } from "../../../contract/enums.ts";
import type { ResearchFiguresView } from "../../../contract/schemas/research.ts";

/** A site as counted: the org, what kind of place it is, and the city and county it lies in. */
export interface CountedSite {
  orgId: string;
  kind: SiteKind;
  cityId: string | null;
  countyId: string | null;
}

/** One visit with what its figures are made of. */
export interface CountedVisit {
  sites: CountedSite[];
  householdsVisited: number;
  householdsConsoled: number;
  symposia: number;
  findings: { fixedOnTheSpot: boolean; problem: { status: string; closureKind: string | null } | null }[];
}

/** What a site org is: towns and villages by level, other units by type, anything else `other`. */
export function siteKind(org: { kind: string; level: string | null; unitType?: string | null }): SiteKind {
  if (org.kind === "region") return org.level === "town" || org.level === "village" ? org.level : "other";
  return (SITE_KINDS as readonly string[]).includes(org.unitType ?? "")
    ? (org.unitType as SiteKind)
    : "other";
}

/**
 * The research figures of a set of visits, computed, never typed: distinct cities, counties and
 * sites (a place visited twice counts once), households, symposia, findings and what became of them.
 */
export function researchFigures(visits: CountedVisit[]): ResearchFiguresView {
  const sites = new Map<string, CountedSite>();
  const cities = new Set<string>();
  const counties = new Set<string>();
  let findings = 0;
  let fixedOnTheSpot = 0;
  let problemsRectified = 0;
  const problemsByStatus: Record<string, number> = {};
  for (const v of visits) {
    for (const s of v.sites) {
      sites.set(s.orgId, s);
      if (s.cityId) cities.add(s.cityId);
      if (s.countyId) counties.add(s.countyId);
    }
    for (const f of v.findings) {
      findings += 1;
      if (f.fixedOnTheSpot) fixedOnTheSpot += 1;
      if (!f.problem) continue;
      problemsByStatus[f.problem.status] = (problemsByStatus[f.problem.status] ?? 0) + 1;
      if (f.problem.status === "closed" && f.problem.closureKind === "rectified") problemsRectified += 1;
    }
  }
  const sitesByKind = Object.fromEntries(SITE_KINDS.map((k) => [k, 0])) as Record<string, number>;
  for (const s of sites.values()) sitesByKind[s.kind] += 1;
  const sum = (f: (v: CountedVisit) => number) => visits.reduce((n, v) => n + f(v), 0);
  return {
    visits: visits.length,
    cities: cities.size,
    counties: counties.size,
    sites: sites.size,
    sitesByKind,
    householdsVisited: sum((v) => v.householdsVisited),
    householdsConsoled: sum((v) => v.householdsConsoled),
    symposia: sum((v) => v.symposia),
    findings,
    fixedOnTheSpot,
    problems: Object.values(problemsByStatus).reduce((n, c) => n + c, 0),
    problemsByStatus,
    problemsRectified,
  };
}
