import type { ResearchStatsFilter } from "../../../contract/schemas/research.ts";
import type { Ctx } from "../../context.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { inSubtree } from "../access/subtree.ts";
import { authorize } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { type CountedVisit, researchFigures } from "./research.figures.ts";
import { RESEARCH_READERS } from "./research.policy.ts";
import { loadSites, type SiteRow } from "./research.sites.ts";

/**
 * 调研统计: the figures of the visits in the actor's scope that started in the period, of the
 * org's subtree, and of one leading official when asked — in total and per leading official.
 */
export async function researchStatistics(ctx: Ctx, f: ResearchStatsFilter = {}) {
  authorize(holdsRole(ctx.actor, RESEARCH_READERS));
  let q = ctx.db
    .selectFrom("researchVisits")
    .select(["id", "leadUserId", "leadName", "leadTitle", "householdsVisited", "householdsConsoled"])
    .where(scopePredicate("research_visits.org_path", ctx.actor, RESEARCH_READERS));
  if (f.from) q = q.where("startsOn", ">=", f.from);
  if (f.to) q = q.where("startsOn", "<=", f.to);
  if (f.leadUserId) q = q.where("leadUserId", "=", f.leadUserId);
  if (f.leadName) q = q.where("leadName", "=", f.leadName.trim());
  if (f.orgId) q = q.where(inSubtree("research_visits.org_path", (await findOrgById(ctx, f.orgId)).path));
  const visits = await q.orderBy("startsOn").orderBy("id").execute();
  const ids = visits.map((v) => v.id);
  const sites: SiteRow[] = [];
  const symposia: { visitId: string }[] = [];
  const findings: {
    visitId: string;
    fixedOnTheSpot: number;
    status: string | null;
    closureKind: string | null;
  }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    sites.push(...(await loadSites(ctx, chunk)));
    symposia.push(
      ...(await ctx.db
        .selectFrom("researchSymposia")
        .select("visitId")
        .where("visitId", "in", chunk)
        .execute()),
    );
    findings.push(
      ...(await ctx.db
        .selectFrom("researchFindings")
        .leftJoin("problems", "problems.id", "researchFindings.problemId")
        .select([
          "researchFindings.visitId",
          "researchFindings.fixedOnTheSpot",
          "problems.status",
          "problems.closureKind",
        ])
        .where("researchFindings.visitId", "in", chunk)
        .execute()),
    );
  }
  const counted = new Map<string, CountedVisit>(
    visits.map((v) => [
      v.id,
      {
        sites: sites.filter((s) => s.visitId === v.id),
        householdsVisited: v.householdsVisited,
        householdsConsoled: v.householdsConsoled,
        symposia: symposia.filter((s) => s.visitId === v.id).length,
        findings: findings
          .filter((x) => x.visitId === v.id)
          .map((x) => ({
            fixedOnTheSpot: x.fixedOnTheSpot === 1,
            problem: x.status ? { status: x.status, closureKind: x.closureKind ?? null } : null,
          })),
      },
    ]),
  );
  const officials = new Map<
    string,
    { leadUserId: string | null; leadName: string; leadTitle: string | null; ids: string[] }
  >();
  for (const v of visits) {
    const key = v.leadUserId ?? `name:${v.leadName}`;
    const o = officials.get(key) ?? {
      leadUserId: v.leadUserId,
      leadName: v.leadName,
      leadTitle: v.leadTitle,
      ids: [],
    };
    o.ids.push(v.id);
    officials.set(key, o);
  }
  const figuresOf = (visitIds: string[]) =>
    researchFigures(visitIds.map((id) => counted.get(id) as CountedVisit));
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    totals: figuresOf(ids),
    byOfficial: [...officials.values()].map((o) => ({
      leadUserId: o.leadUserId,
      leadName: o.leadName,
      leadTitle: o.leadTitle,
      figures: figuresOf(o.ids),
    })),
  };
}
