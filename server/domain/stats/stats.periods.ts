/** Calendar arithmetic on `YYYY-MM-DD` dates (Asia/Shanghai days; computed in UTC, which has no DST). */

const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

/** The date `n` days after `d` (before, when negative). */
export const addDays = (d: string, n: number): string => fmt(new Date(toDate(d).getTime() + n * 86_400_000));

/** The Monday of the week holding `d` (weeks run Monday to Sunday, as in China). */
export function weekStart(d: string): string {
  const day = toDate(d).getUTCDay(); // 0 = Sunday
  return addDays(d, -((day + 6) % 7));
}

/** The first day of the month holding `d`. */
export const monthStart = (d: string): string => `${d.slice(0, 7)}-01`;

/** The first day of the month `n` months after the month holding `d`. */
export function addMonths(d: string, n: number): string {
  const x = toDate(monthStart(d));
  x.setUTCMonth(x.getUTCMonth() + n);
  return fmt(x);
}

export type TrendUnit = "week" | "month";

/** How far back a trend reaches when no start is given: this period and the 11 before it. */
export function defaultTrendStart(unit: TrendUnit, to: string): string {
  return unit === "week" ? addDays(weekStart(to), -7 * 11) : addMonths(to, -11);
}

/**
 * The weeks or months covering `from`..`to`, each clipped to that range so the buckets together
 * are exactly the period (the first and last may be partial).
 */
export function trendBuckets(unit: TrendUnit, from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let start = unit === "week" ? weekStart(from) : monthStart(from);
  while (start <= to) {
    const next = unit === "week" ? addDays(start, 7) : addMonths(start, 1);
    const end = addDays(next, -1);
    out.push({ from: start < from ? from : start, to: end > to ? to : end });
    start = next;
  }
  return out;
}
