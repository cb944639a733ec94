import { createRequire } from "node:module";
import type { WorkCalendar } from "./working-days.ts";

const require = createRequire(import.meta.url);

/** One entry of an official year: a day off (放假) or a make-up working day (调休上班). */
export interface CalendarDayInput {
  date: string;
  kind: "holiday" | "workday";
  name: string;
}

/** Years whose State Council schedule ships with the product. */
export const OFFICIAL_YEARS = [2025, 2026] as const;

/**
 * The official schedule of `year` from the `chinese-days` package (its JSON keys dates to
 * "English,中文,n"); it matches the State Council notices (国务院办公厅关于节假日安排的通知).
 */
export function officialDays(year: number): CalendarDayInput[] {
  const data = require("chinese-days/dist/chinese-days.json") as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const pick = (map: Record<string, string>, kind: CalendarDayInput["kind"]) =>
    Object.entries(map)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, label]) => ({ date, kind, name: label.split(",")[1] ?? label }));
  return [...pick(data.holidays, "holiday"), ...pick(data.workdays, "workday")].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
}

/** The shipped official years as a calendar, before any admin edit (for rules that need no database). */
export function officialCalendar(): WorkCalendar {
  const days = OFFICIAL_YEARS.flatMap((y) => officialDays(y));
  return {
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
    years: new Set(OFFICIAL_YEARS),
  };
}
