import { type Ctx, inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError } from "../errors.ts";
import { calendarPolicy } from "./calendar.policy.ts";
import { CALENDAR_VERSION_KEY, getCalendarYear } from "./calendar.queries.ts";
import type { CalendarDayInput } from "./official-days.ts";

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Field errors of a year's days: inside the year, each date once, make-up days on weekends. */
export function validateYearDays(year: number, days: CalendarDayInput[]) {
  const seen = new Set<string>();
  for (const [i, d] of days.entries()) {
    const field = `days/${i}/date`;
    if (!d.date.startsWith(`${year}-`))
      throw new DomainError("calendar_date_outside_year", { year }, [{ field, code: "invalid" }]);
    if (seen.has(d.date))
      throw new DomainError("calendar_date_duplicate", { date: d.date }, [{ field, code: "invalid" }]);
    seen.add(d.date);
    const w = weekday(d.date);
    if (d.kind === "workday" && w !== 0 && w !== 6) {
      throw new DomainError("calendar_workday_not_weekend", { date: d.date }, [
        { field: `days/${i}/kind`, code: "invalid" },
      ]);
    }
  }
}

/**
 * Adds or corrects one year of the working-day calendar (the State Council publishes the next
 * year's schedule each winter); admins only. Replaces the year's days as a whole.
 */
export async function replaceCalendarYear(ctx: Ctx, input: { year: number; days: CalendarDayInput[] }) {
  return inTx(ctx, async (ctx) => {
    authorize(calendarPolicy.manage(ctx.actor));
    validateYearDays(input.year, input.days);
    const before = await ctx.db
      .selectFrom("calendarDays")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("year", "=", input.year)
      .executeTakeFirstOrThrow();
    const now = iso(ctx.now());
    await ctx.db.deleteFrom("calendarDays").where("year", "=", input.year).execute();
    await ctx.db
      .insertInto("calendarYears")
      .values({ year: input.year, source: "admin", updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflict((oc) =>
        oc.column("year").doUpdateSet({ source: "admin", updatedBy: ctx.actor.userId, updatedAt: now }),
      )
      .execute();
    const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
    if (days.length > 0) {
      await ctx.db
        .insertInto("calendarDays")
        .values(days.map((d) => ({ date: d.date, year: input.year, kind: d.kind, name: d.name.trim() })))
        .execute();
    }
    await ctx.db
      .insertInto("counters")
      .values({ key: CALENDAR_VERSION_KEY, value: 1 })
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb("counters.value", "+", 1) })))
      .execute();
    await recordAudit(ctx, {
      type: "calendar.year_replaced",
      entityType: "calendar",
      entityId: String(input.year),
      scopePath: ctx.actor.homePath,
      data: {
        year: input.year,
        previousDays: Number(before.n),
        holidays: days.filter((d) => d.kind === "holiday").map((d) => d.date),
        workdays: days.filter((d) => d.kind === "workday").map((d) => d.date),
      },
    });
    return getCalendarYear(ctx, input.year);
  });
}
