import type { Ctx } from "../../context.ts";

// Building an Intl.DateTimeFormat costs tens of microseconds; the sweep formats millions of dates.
const YEAR = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" });
const DATE = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The year in Asia/Shanghai, where deadlines and codes live. */
export const shanghaiYear = (d: Date) => Number(YEAR.format(d));

/** The date (YYYY-MM-DD) in Asia/Shanghai. */
export const shanghaiDate = (d: Date) => DATE.format(d);

/** Today in Asia/Shanghai, where deadlines and due dates live. */
export const today = (ctx: Ctx) => shanghaiDate(ctx.now());
