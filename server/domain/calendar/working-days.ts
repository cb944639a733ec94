/**
 * Working-day arithmetic over a calendar of public holidays and make-up working days (调休).
 * Dates are `YYYY-MM-DD` strings in Asia/Shanghai; a year the calendar does not know falls back
 * to "Monday to Friday".
 */
export interface WorkCalendar {
  /** Weekdays that are days off (法定节假日). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<string>;
  /** Years whose official schedule the calendar holds. */
  years: ReadonlySet<number>;
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set(), years: new Set() };

const DAY_MS = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `n` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: string, n: number): string {
  return fromMs(toMs(date) + n * DAY_MS);
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  const weekday = new Date(toMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (n ≥ 0; n = 0 gives `date` itself). */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let ms = toMs(date);
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (isWorkingDay(cal, fromMs(ms))) left--;
  }
  return fromMs(ms);
}

// Working days counted from SPAN_START to every day up to 2100, once per calendar object: the
// daily light sweep asks for millions of intervals, each then two array reads instead of a walk.
const SPAN_START = toMs("2000-01-01");
const SPAN_DAYS = Math.round((toMs("2100-12-31") - SPAN_START) / DAY_MS);
const prefixes = new WeakMap<WorkCalendar, Int32Array>();

function prefixOf(cal: WorkCalendar): Int32Array {
  let p = prefixes.get(cal);
  if (!p) {
    p = new Int32Array(SPAN_DAYS + 1);
    for (let i = 1; i <= SPAN_DAYS; i++)
      p[i] = p[i - 1] + (isWorkingDay(cal, fromMs(SPAN_START + i * DAY_MS)) ? 1 : 0);
    prefixes.set(cal, p);
  }
  return p;
}

/** Working days in the half-open interval (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = toMs(from);
  const b = toMs(to);
  if (b < a) return -workingDaysBetween(cal, to, from);
  const i = (a - SPAN_START) / DAY_MS;
  const j = (b - SPAN_START) / DAY_MS;
  if (i >= 0 && j <= SPAN_DAYS && Number.isInteger(i) && Number.isInteger(j)) {
    const p = prefixOf(cal);
    return p[j] - p[i];
  }
  let count = 0;
  for (let ms = a + DAY_MS; ms <= b; ms += DAY_MS) if (isWorkingDay(cal, fromMs(ms))) count++;
  return count;
}

/** Years between the two dates (inclusive) for which the calendar has no official schedule. */
export function missingYears(cal: WorkCalendar, from: string, to: string): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const out: number[] = [];
  for (let y = Math.min(first, last); y <= Math.max(first, last); y++) if (!cal.years.has(y)) out.push(y);
  return out;
}
