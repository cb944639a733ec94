import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OFFICIAL_YEARS, officialDays } from "./official-days.ts";
import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  missingYears,
  WEEKENDS_ONLY,
  type WorkCalendar,
  workingDaysBetween,
} from "./working-days.ts";

/** The calendar as shipped: the official 2025 and 2026 schedules. */
const official: WorkCalendar = (() => {
  const days = OFFICIAL_YEARS.flatMap((y) => officialDays(y));
  return {
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
    years: new Set(OFFICIAL_YEARS),
  };
})();

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
};

/** Any date from 2024-12-01 to 2027-01-31, across both official years and their edges. */
const date = fc.integer({ min: 0, max: 791 }).map((n) => addCalendarDays("2024-12-01", n));

describe("the official schedules", () => {
  it("keeps every 2026 holiday and make-up working day of the State Council notice", () => {
    const off2026 = [
      ...range("2026-01-01", "2026-01-03"),
      ...range("2026-02-15", "2026-02-23"),
      ...range("2026-04-04", "2026-04-06"),
      ...range("2026-05-01", "2026-05-05"),
      ...range("2026-06-19", "2026-06-21"),
      ...range("2026-09-25", "2026-09-27"),
      ...range("2026-10-01", "2026-10-07"),
    ];
    for (const d of off2026) expect(isWorkingDay(official, d), d).toBe(false);
    for (const d of ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]) {
      expect(isWorkingDay(official, d), d).toBe(true);
      expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
    const names = new Map(officialDays(2026).map((d) => [d.date, d.name]));
    expect(names.get("2026-02-17")).toBe("春节");
    expect(names.get("2026-10-10")).toBe("国庆节");
  });

  it("keeps every 2025 holiday and make-up working day of the State Council notice", () => {
    const off2025 = [
      "2025-01-01",
      ...range("2025-01-28", "2025-02-04"),
      ...range("2025-04-04", "2025-04-06"),
      ...range("2025-05-01", "2025-05-05"),
      ...range("2025-05-31", "2025-06-02"),
      ...range("2025-10-01", "2025-10-08"),
    ];
    for (const d of off2025) expect(isWorkingDay(official, d), d).toBe(false);
    for (const d of ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]) {
      expect(isWorkingDay(official, d), d).toBe(true);
    }
  });

  it("counts the 2026 National Day week as it is worked", () => {
    // 9/30 (Wed) → 10/9 (Fri): 10/1–10/7 off, 10/8 and 10/9 worked.
    expect(workingDaysBetween(official, "2026-09-30", "2026-10-09")).toBe(2);
    expect(addWorkingDays(official, "2026-09-30", 1)).toBe("2026-10-08");
    // The Saturday 10/10 is a make-up working day.
    expect(addWorkingDays(official, "2026-10-09", 1)).toBe("2026-10-10");
  });
});

describe("working-day arithmetic", () => {
  it("counts back exactly N after adding N working days, and lands on a working day", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const end = addWorkingDays(official, d, n);
        expect(workingDaysBetween(official, d, end)).toBe(n);
        if (n > 0) expect(isWorkingDay(official, end)).toBe(true);
      }),
    );
  });

  it("never lands on a holiday and never skips a make-up working day", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const end = addWorkingDays(official, d, n);
        expect(official.holidays.has(end)).toBe(false);
        const worked = range(addCalendarDays(d, 1), end).filter((x) => isWorkingDay(official, x));
        expect(worked.length).toBe(n);
        for (const x of range(addCalendarDays(d, 1), end)) {
          if (official.workdays.has(x)) expect(worked).toContain(x);
        }
      }),
    );
  });

  it("counts an interval as a day-by-day walk would, inside and outside the precounted span", () => {
    const far = fc.integer({ min: -400, max: 400 }).map((n) => addCalendarDays("2000-03-01", n));
    fc.assert(
      fc.property(fc.oneof(date, far), fc.oneof(date, far), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const walked = range(addCalendarDays(from, 1), to).filter((x) => isWorkingDay(official, x)).length;
        expect(workingDaysBetween(official, from, to)).toBe(from === to ? 0 : walked);
      }),
    );
  });

  it("is additive and antisymmetric", () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(workingDaysBetween(official, a, b) + workingDaysBetween(official, b, a)).toBe(0);
        // "+ 0" folds the -0 a reversed empty interval gives into 0.
        expect(workingDaysBetween(official, a, c) + 0).toBe(
          workingDaysBetween(official, a, b) + workingDaysBetween(official, b, c) + 0,
        );
      }),
    );
  });

  it("falls back to Monday to Friday for a year without a schedule, and names it", () => {
    expect(missingYears(official, "2026-12-01", "2027-03-01")).toEqual([2027]);
    // 2027-01-01 is a Friday: without the 2027 notice it counts as a working day.
    expect(isWorkingDay(official, "2027-01-01")).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (n) => {
        const d = addCalendarDays("2027-01-01", n);
        const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
        expect(isWorkingDay(official, d)).toBe(isWorkingDay(WEEKENDS_ONLY, d));
        expect(isWorkingDay(official, d)).toBe(weekday !== 0 && weekday !== 6);
      }),
    );
  });
});

describe("working days over any span", () => {
  const DAY = 86_400_000;
  const iso = (e: number) => new Date(e * DAY).toISOString().slice(0, 10);
  const index = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
  /** The definition itself: every day of (from, to] looked at in turn. */
  const walk = (cal: WorkCalendar, from: string, to: string) => {
    // Holidays and make-up days by day index, so a walk over millions of days stays quick.
    const off = new Set([...cal.holidays].map(index));
    const on = new Set([...cal.workdays].map(index));
    let n = 0;
    for (let e = index(from) + 1; e <= index(to); e++) {
      const weekday = (((e + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
      if (!off.has(e) && (on.has(e) || (weekday !== 0 && weekday !== 6))) n++;
    }
    return n;
  };
  /** Any day from year 0001 to 9999. */
  const anyDay = fc.integer({ min: index("0001-01-01"), max: index("9999-12-31") }).map(iso);
  /** A calendar of random holidays and make-up days in a few random years, as an admin might keep. */
  const randomCalendar = fc
    .array(
      fc.record({
        day: fc.integer({ min: index("1990-01-01"), max: index("2110-12-31") }).map(iso),
        holiday: fc.boolean(),
      }),
      { maxLength: 120 },
    )
    .map((days): WorkCalendar => {
      const holidays = new Set(days.filter((d) => d.holiday).map((d) => d.day));
      const workdays = new Set(days.filter((d) => !d.holiday).map((d) => d.day));
      return { holidays, workdays, years: new Set(days.map((d) => Number(d.day.slice(0, 4)))) };
    });

  it("matches the day-by-day walk on random spans of up to ten years, near and far", () => {
    const near = fc.integer({ min: index("1995-01-01"), max: index("2105-12-31") }).map(iso);
    fc.assert(
      fc.property(
        fc.constantFrom(official, WEEKENDS_ONLY),
        fc.oneof(near, anyDay),
        fc.integer({ min: -3660, max: 3660 }),
        (cal, from, span) => {
          const to = addCalendarDays(from, span);
          const expected = span >= 0 ? walk(cal, from, to) : -walk(cal, to, from);
          expect(workingDaysBetween(cal, from, to) + 0).toBe(expected + 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches the walk on calendars with random years of holidays and make-up days", () => {
    const near = fc.integer({ min: index("1985-01-01"), max: index("2115-12-31") }).map(iso);
    fc.assert(
      fc.property(randomCalendar, near, near, (cal, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(workingDaysBetween(cal, from, to)).toBe(walk(cal, from, to));
        expect(workingDaysBetween(cal, to, from) + 0).toBe(-walk(cal, from, to) + 0);
      }),
      { numRuns: 100 },
    );
  });

  it("matches the walk across the whole range of years a date can name", () => {
    fc.assert(
      fc.property(fc.constantFrom(official, WEEKENDS_ONLY), anyDay, anyDay, (cal, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(workingDaysBetween(cal, from, to)).toBe(walk(cal, from, to));
      }),
      { numRuns: 5 },
    );
  });

  it("adds working days as the walk would, over holidays and far years", () => {
    fc.assert(
      fc.property(
        fc.oneof(randomCalendar, fc.constant(official)),
        fc.oneof(
          date,
          anyDay.filter((d) => d < "9998"),
        ),
        fc.integer({ min: 0, max: 400 }),
        (cal, d, n) => {
          let e = index(d);
          for (let left = n; left > 0; ) if (isWorkingDay(cal, iso(++e))) left--;
          expect(addWorkingDays(cal, d, n)).toBe(iso(e));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("costs the same for a span of eight thousand years as for a week", () => {
    // A day-by-day count of 2026 → 9999 takes seconds; a hundred thousand of them must not.
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 100_000; i++)
      sum += workingDaysBetween(official, "2026-11-28", i % 2 ? "9999-12-31" : "0001-01-01");
    expect(sum).not.toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
