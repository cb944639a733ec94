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

/** Days since 1970-01-01 (a Thursday); NaN for a string that is not a date. */
const dayIndex = (date: string) => toMs(date) / DAY_MS;

/** Monday to Friday days among the day indices below `e`, in closed form (1970-01-05 was a Monday). */
function weekdaysBefore(e: number): number {
  const m = e - 4;
  const weeks = Math.floor(m / 7);
  return 5 * weeks + Math.min(m - 7 * weeks, 5);
}

const isWeekday = (e: number) => {
  const r = (((e - 4) % 7) + 7) % 7;
  return r < 5;
};

/**
 * How a calendar departs from Monday-to-Friday, as tables: for each year holding a holiday or a
 * make-up day, the running sum of departures (−1 a weekday off, +1 a weekend worked) by day of
 * year, and the sums of all years before each year. Built once per calendar object.
 */
interface Departures {
  firstYear: number;
  /** Sum of departures of all years before `firstYear + i`. */
  before: Int32Array;
  /** Running sums by day of year, for years with departures. */
  years: Map<number, Int16Array>;
}

const departures = new WeakMap<WorkCalendar, Departures>();
/** Day index of 1 January of year `y` (Date.UTC would read years 0–99 as 1900–1999). */
const yearStart = (y: number) => new Date(0).setUTCFullYear(y, 0, 1) / DAY_MS;

function departuresOf(cal: WorkCalendar): Departures {
  let d = departures.get(cal);
  if (d) return d;
  const years = new Set<number>();
  for (const date of [...cal.holidays, ...cal.workdays]) {
    const y = Number(date.slice(0, 4));
    if (Number.isInteger(y) && Number.isFinite(dayIndex(date))) years.add(y);
  }
  const sorted = [...years].sort((a, b) => a - b);
  const firstYear = sorted[0] ?? 0;
  const lastYear = sorted.at(-1) ?? -1;
  const tables = new Map<number, Int16Array>();
  const before = new Int32Array(Math.max(lastYear - firstYear + 2, 1));
  for (let y = firstYear; y <= lastYear; y++) {
    let total = 0;
    if (years.has(y)) {
      const first = yearStart(y);
      const table = new Int16Array(yearStart(y + 1) - first);
      for (let i = 0; i < table.length; i++) {
        const e = first + i;
        total += (isWorkingDay(cal, fromMs(e * DAY_MS)) ? 1 : 0) - (isWeekday(e) ? 1 : 0);
        table[i] = total;
      }
      tables.set(y, table);
    }
    before[y - firstYear + 1] = before[y - firstYear] + total;
  }
  d = { firstYear, before, years: tables };
  departures.set(cal, d);
  return d;
}

/** Sum of the calendar's departures on every day up to and including day index `e`. */
function departuresThrough(d: Departures, e: number): number {
  const y = new Date(e * DAY_MS).getUTCFullYear();
  const i = y - d.firstYear;
  if (i < 0) return 0;
  if (i >= d.before.length - 1) return d.before[d.before.length - 1];
  const table = d.years.get(y);
  return d.before[i] + (table ? table[e - yearStart(y)] : 0);
}

/** Working days in the half-open interval (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = dayIndex(from);
  const b = dayIndex(to);
  if (!Number.isInteger(a) || !Number.isInteger(b)) return 0;
  if (b < a) return -workingDaysBetween(cal, to, from);
  // In O(1) whatever the span: weekdays in closed form, then the year tables' departures.
  const d = departuresOf(cal);
  return weekdaysBefore(b + 1) - weekdaysBefore(a + 1) + departuresThrough(d, b) - departuresThrough(d, a);
}

/** The n-th working day after `date` (n ≥ 0; n = 0 gives `date` itself). */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  if (n === 0) return date;
  // The first day whose count from `date` reaches n: widen the window, then halve it.
  const count = (k: number) => workingDaysBetween(cal, date, addCalendarDays(date, k));
  let hi = n;
  while (count(hi) < n) hi *= 2;
  let lo = Math.floor(hi / 2);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (count(mid) >= n) hi = mid;
    else lo = mid + 1;
  }
  return addCalendarDays(date, hi);
}

/** Years between the two dates (inclusive) for which the calendar has no official schedule. */
export function missingYears(cal: WorkCalendar, from: string, to: string): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const out: number[] = [];
  for (let y = Math.min(first, last); y <= Math.max(first, last); y++) if (!cal.years.has(y)) out.push(y);
  return out;
}
