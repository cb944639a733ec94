import { createRequire } from "node:module";
import type { WorkCalendar } from "../calendar/working-days.ts";

// The State Council's holiday schedules as the chinese-days package ships them (dates → names).
const require = createRequire(import.meta.url);

let cached: WorkCalendar | null = null;

/** The official working-day calendar (public holidays and 调休 make-up days) of the years the package knows. */
export function officialCalendar(): WorkCalendar {
  if (cached) return cached;
  const data = require("chinese-days/dist/chinese-days.json") as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const years = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  cached = { holidays, workdays, years };
  return cached;
}
