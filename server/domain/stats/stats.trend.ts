import type { StatsTrendView, TrendInput } from "../../../contract/schemas/stats.ts";
import type { Ctx } from "../../context.ts";
import { DomainError } from "../errors.ts";
import { keptValue } from "../problems/ledger.count.ts";
import { countFigure } from "./stats.figures.ts";
import { defaultTrendStart, trendBuckets } from "./stats.periods.ts";
import { checkPeriod, statsOrg, statsToday } from "./stats.queries.ts";

/** The most periods one trend shows. */
export const MAX_TREND_BUCKETS = 60;

/**
 * 趋势: per week or month of the period, the items registered, closed and returned in it (an item
 * returned twice in one week counts once), each a ledger filter.
 */
export async function getStatsTrend(ctx: Ctx, input: TrendInput): Promise<StatsTrendView> {
  checkPeriod(input);
  if (input.orgId) await statsOrg(ctx, input.orgId);
  const unit = input.unit ?? "week";
  const to = input.to ?? statsToday(ctx);
  const from = input.from ?? defaultTrendStart(unit, to);
  checkPeriod({ from, to });
  const periods = trendBuckets(unit, from, to);
  if (periods.length > MAX_TREND_BUCKETS) {
    throw new DomainError("stats_period_too_long", { max: MAX_TREND_BUCKETS }, [
      { field: "from", code: "invalid" },
    ]);
  }
  const base = { campaignId: input.campaignId, leadOrgId: input.orgId };
  const key = JSON.stringify(["trend", ctx.actor.grants, base, unit, from, to]);
  return keptValue(ctx, key, async () => {
    const buckets = await Promise.all(
      periods.map(async (p) => {
        const [registered, closed, returned] = await Promise.all([
          countFigure(ctx, "registered", { ...base, registeredFrom: p.from, registeredTo: p.to }),
          countFigure(ctx, "closed", { ...base, closedFrom: p.from, closedTo: p.to }),
          countFigure(ctx, "returned", { ...base, returnedFrom: p.from, returnedTo: p.to }),
        ]);
        return { ...p, registered, closed, returned };
      }),
    );
    return { unit, from, to, buckets };
  });
}
