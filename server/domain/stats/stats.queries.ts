import {
  CLOSURE_KINDS,
  ESCALATION_STEPS,
  LIGHTS,
  PROBLEM_STATUSES,
  RECTIFY_TYPES,
  SOURCE_TYPES,
} from "../../../contract/enums.ts";
import type {
  LedgerFilterValue,
  RegionsInput,
  StatsInput,
  StatsOverviewView,
  StatsRegionsView,
} from "../../../contract/schemas/stats.ts";
import type { Ctx } from "../../context.ts";
import type { OrgsTable } from "../../db/schema.ts";
import { holdsRole, isWithin, scopeRoots } from "../access/actor.ts";
import { inSubtree } from "../access/subtree.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { authorize, DomainError, notFound } from "../errors.ts";
import { LIT_PROBLEM_STATUSES } from "../lights/light.commands.ts";
import { keptValue } from "../problems/ledger.count.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { countBy, countFigure, figure, figuresBy } from "./stats.figures.ts";
import { addDays } from "./stats.periods.ts";

/** Today in Asia/Shanghai. */
export const statsToday = (ctx: Ctx) => shanghaiDate(ctx.now());

/** 逾期: items still being worked whose current deadline has passed (a ledger filter, so it links). */
export const overdueFilter = (ctx: Ctx): LedgerFilterValue => ({
  status: [...LIT_PROBLEM_STATUSES],
  deadlineTo: addDays(statsToday(ctx), -1),
});

/** 400 when the period runs backwards. */
export function checkPeriod(input: { from?: string; to?: string }): void {
  if (input.from && input.to && input.from > input.to) {
    throw new DomainError("stats_period_invalid", {}, [{ field: "from", code: "invalid" }]);
  }
}

/** The filter every figure of a request starts from: campaign, lead-unit subtree and registration period. */
export function baseFilter(input: StatsInput): LedgerFilterValue {
  return {
    campaignId: input.campaignId,
    leadOrgId: input.orgId,
    registeredFrom: input.from,
    registeredTo: input.to,
  };
}

/**
 * The org a breakdown starts from: the one asked for, which must lie in the actor's scope or
 * above it (404 otherwise: its existence is not revealed); by default the actor's own scope root,
 * or the top of the tree.
 */
export async function statsOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgsTable> {
  // scope first: an org outside it is 404 for everyone, as a single read out of scope is
  const roots = scopeRoots(ctx.actor, LEDGER_ROLES);
  const orgs = ctx.db.selectFrom("orgs").selectAll();
  if (orgId) {
    const org = await orgs.where("id", "=", orgId).executeTakeFirst();
    if (!org) throw notFound();
    if (roots !== null && !roots.some((r) => isWithin(r, org.path) || isWithin(org.path, r)))
      throw notFound();
    return org;
  }
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const own = roots?.length === 1 ? await orgs.where("path", "=", roots[0]).executeTakeFirst() : undefined;
  return own ?? (await orgs.where("parentId", "is", null).orderBy("sortKey").executeTakeFirstOrThrow());
}

/** 统计概览: counts by status, category, light, rectify type, source and closure kind; overdue; escalation. */
export async function getStatsOverview(ctx: Ctx, input: StatsInput): Promise<StatsOverviewView> {
  checkPeriod(input);
  if (input.orgId) await statsOrg(ctx, input.orgId);
  const base = baseFilter(input);
  const key = JSON.stringify(["overview", ctx.actor.grants, input, statsToday(ctx)]);
  return keptValue(ctx, key, async () => {
    const categories = input.campaignId
      ? await ctx.db
          .selectFrom("campaignCategories")
          .select(["id", "name"])
          .where("campaignId", "=", input.campaignId)
          .orderBy("sortOrder")
          .execute()
      : [];
    const closed = { ...base, status: ["closed" as const] };
    const [total, byStatus, byCategory, byLight, byRectifyType, bySourceType, byClosureKind, overdue] =
      await Promise.all([
        countFigure(ctx, "total", base),
        figuresBy(ctx, base, "status", PROBLEM_STATUSES),
        figuresBy(
          ctx,
          base,
          "categoryId",
          categories.map((c) => c.id),
          new Map(categories.map((c) => [c.id, c.name])),
        ),
        figuresBy(ctx, base, "light", LIGHTS),
        figuresBy(ctx, base, "rectifyType", RECTIFY_TYPES),
        figuresBy(ctx, base, "sourceType", SOURCE_TYPES),
        figuresBy(ctx, closed, "closureKind", CLOSURE_KINDS),
        countFigure(ctx, "overdue", { ...base, ...overdueFilter(ctx) }),
      ]);
    const escalation = await Promise.all(
      ESCALATION_STEPS.map((step) => countFigure(ctx, step, { ...base, escalation: step })),
    );
    return {
      asOf: statsToday(ctx),
      total,
      byStatus,
      byCategory,
      byLight,
      byRectifyType,
      bySourceType,
      byClosureKind,
      overdue,
      escalation,
    };
  });
}

const summary = (o: OrgsTable) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, level: o.level });

/**
 * 分地区/部门: the orgs `depth` levels below the starting org (its children, or its
 * grandchildren — the counties of the region), each with the items its units lead (total,
 * closed, overdue), for drill-down and the map.
 */
export async function getStatsRegions(ctx: Ctx, input: RegionsInput): Promise<StatsRegionsView> {
  checkPeriod(input);
  const parent = await statsOrg(ctx, input.orgId);
  const depth = input.depth ?? 1;
  const key = JSON.stringify(["regions", ctx.actor.grants, input, parent.id, statsToday(ctx)]);
  return keptValue(ctx, key, async () => {
    const orgs = await ctx.db
      .selectFrom("orgs")
      .selectAll()
      .where(inSubtree("path", parent.path))
      .where("depth", "=", parent.depth + depth)
      .where("active", "=", 1)
      .orderBy("sortKey")
      .execute();
    const ids = orgs.map((o) => o.id);
    const children = ids.length
      ? await ctx.db
          .selectFrom("orgs")
          .select(["parentId", (eb) => eb.fn.countAll<number>().as("n")])
          .where("parentId", "in", ids)
          .groupBy("parentId")
          .execute()
      : [];
    const base = { ...baseFilter(input), leadOrgId: parent.id };
    const kinds = {
      total: {},
      closed: { status: ["closed"] },
      overdue: overdueFilter(ctx),
    } as const satisfies Record<string, LedgerFilterValue>;
    const counted = await Promise.all(
      Object.values(kinds).map((narrow) =>
        countBy(ctx, { ...base, ...narrow } as LedgerFilterValue, "leadPath"),
      ),
    );
    const under = (counts: Map<string, number>, path: string) => {
      let n = 0;
      for (const [p, c] of counts) if (isWithin(path, p)) n += c;
      return n;
    };
    const rows = orgs.map((o) => {
      const [total, closed, overdue] = Object.entries(kinds).map(([k, narrow], i) =>
        figure(k, under(counted[i], o.path), { ...base, ...narrow, leadOrgId: o.id } as LedgerFilterValue),
      );
      return {
        ...summary(o),
        hasChildren: children.some((c) => c.parentId === o.id && Number(c.n) > 0),
        total,
        closed,
        overdue,
      };
    });
    return { org: summary(parent), parentId: parent.parentId, rows };
  });
}
