import type { Config } from "../../config.ts";
import type { Ctx } from "../../context.ts";
import { authorize } from "../errors.ts";
import { calendarPolicy } from "./calendar.policy.ts";
import type { CalendarDayInput } from "./official-days.ts";
import { shanghaiDate } from "./shanghai-date.ts";
import type { WorkCalendar } from "./working-days.ts";

export const CALENDAR_VERSION_KEY = "calendar:version";

// One cache per running app (keyed by its config object, so test databases never share one);
// each load costs one small read of the version counter, which every edit advances, so a
// correction made on another instance is seen at once.
const cache = new WeakMap<Config, { version: number; calendar: WorkCalendar }>();

/** The working-day calendar: every stored year's holidays and make-up working days. */
export async function loadCalendar(ctx: Ctx): Promise<WorkCalendar> {
  const row = await ctx.db
    .selectFrom("counters")
    .select("value")
    .where("key", "=", CALENDAR_VERSION_KEY)
    .executeTakeFirst();
  const version = Number(row?.value ?? 0);
  const hit = cache.get(ctx.config);
  if (hit && hit.version === version) return hit.calendar;
  const [years, days] = await Promise.all([
    ctx.db.selectFrom("calendarYears").select("year").execute(),
    ctx.db.selectFrom("calendarDays").select(["date", "kind"]).execute(),
  ]);
  const calendar: WorkCalendar = {
    years: new Set(years.map((y) => Number(y.year))),
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
  };
  cache.set(ctx.config, { version, calendar });
  return calendar;
}

/**
 * Years the product needs but has no official schedule for: this year, and the year of every
 * open deadline. Working days in those years are counted Monday to Friday.
 */
export async function findMissingYears(ctx: Ctx): Promise<number[]> {
  const thisYear = Number(shanghaiDate(ctx.now()).slice(0, 4));
  // One max per status: each is the last entry of that status in (status, deadline), where a
  // max over several statuses at once would read every open row.
  const latestOf = (table: "problems" | "tasks", status: string) =>
    ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.max("deadline").as("d"))
      .where("status", "=", status)
      .executeTakeFirst();
  const [known, ...maxima] = await Promise.all([
    ctx.db.selectFrom("calendarYears").select("year").execute(),
    ...["assigned", "rectifying", "ongoing"].map((s) => latestOf("problems", s)),
    ...["pending", "in_progress"].map((s) => latestOf("tasks", s)),
  ]);
  const have = new Set(known.map((k) => Number(k.year)));
  const latest = maxima
    .map((m) => m?.d)
    .filter((d): d is string => typeof d === "string")
    .map((d) => Number(d.slice(0, 4)));
  const last = Math.max(thisYear, ...latest);
  const out: number[] = [];
  for (let y = thisYear; y <= last; y++) if (!have.has(y)) out.push(y);
  return out;
}

/** The stored years with their counts, and the years that are missing. */
export async function listCalendarYears(ctx: Ctx) {
  authorize(calendarPolicy.read(ctx.actor));
  const [years, counts, missingYears] = await Promise.all([
    ctx.db.selectFrom("calendarYears").selectAll().orderBy("year").execute(),
    ctx.db
      .selectFrom("calendarDays")
      .select(["year", "kind", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["year", "kind"])
      .execute(),
    findMissingYears(ctx),
  ]);
  const count = (year: number, kind: string) =>
    Number(counts.find((c) => Number(c.year) === year && c.kind === kind)?.n ?? 0);
  return {
    years: years.map((y) => ({
      year: Number(y.year),
      source: y.source as "official" | "admin",
      holidays: count(Number(y.year), "holiday"),
      workdays: count(Number(y.year), "workday"),
      updatedAt: y.updatedAt,
    })),
    missingYears,
  };
}

/** One year's holidays and make-up working days; a year without data says it falls back to weekends. */
export async function getCalendarYear(ctx: Ctx, year: number) {
  authorize(calendarPolicy.read(ctx.actor));
  const [meta, days] = await Promise.all([
    ctx.db.selectFrom("calendarYears").selectAll().where("year", "=", year).executeTakeFirst(),
    ctx.db.selectFrom("calendarDays").selectAll().where("year", "=", year).orderBy("date").execute(),
  ]);
  return {
    year,
    known: meta !== undefined,
    source: (meta?.source ?? null) as "official" | "admin" | null,
    updatedAt: meta?.updatedAt ?? null,
    fallback: meta ? null : ("weekends_only" as const),
    days: days.map((d) => ({ date: d.date, kind: d.kind as CalendarDayInput["kind"], name: d.name })),
  };
}
