import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { officialCalendar } from "../calendar/official-days.ts";
import {
  addCalendarDays,
  WEEKENDS_ONLY,
  type WorkCalendar,
  workingDaysBetween,
} from "../calendar/working-days.ts";
import { latestStuckDate, proposalReasons } from "./agenda.rules.ts";

describe("proposalReasons", () => {
  const cal: WorkCalendar = WEEKENDS_ONLY;
  it.each([
    // light, last progress, today, threshold → reasons, idle working days
    ["green", "2026-11-27", "2026-11-30", 10, [], 1],
    ["red", "2026-11-27", "2026-11-30", 10, ["red"], 1],
    ["green", "2026-11-13", "2026-11-27", 10, ["stuck"], 10],
    ["green", "2026-11-16", "2026-11-27", 10, [], 9],
    ["red", "2026-11-01", "2026-11-27", 10, ["red", "stuck"], 20],
    ["orange", "2026-11-20", "2026-11-27", 5, ["stuck"], 5],
    ["yellow", "2026-11-28", "2026-11-27", 0, ["stuck"], 0],
  ] as const)(
    "%s light, last progress %s, on %s after %i days: %j",
    (light, last, today, n, reasons, idle) => {
      expect(proposalReasons({ light, lastProgressOn: last }, today, n, cal)).toEqual({
        reasons,
        idleWorkingDays: idle,
      });
    },
  );

  it("counts working days on the official calendar: the National Day week is no progress owed", () => {
    const official = officialCalendar();
    // 2026-09-30 → 2026-10-12: 10-01..10-07 off, 10-10 (Saturday) a make-up working day
    expect(
      proposalReasons({ light: "green", lastProgressOn: "2026-09-30" }, "2026-10-12", 5, official),
    ).toEqual({ reasons: [], idleWorkingDays: 4 });
    expect(
      proposalReasons({ light: "green", lastProgressOn: "2026-09-30" }, "2026-10-12", 5, WEEKENDS_ONLY)
        .idleWorkingDays,
    ).toBe(8);
  });
});

describe("latestStuckDate", () => {
  it("is the last date from which today is at least n working days away", () => {
    const cal = officialCalendar();
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2025-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 }),
        (d, n) => {
          const today = d.toISOString().slice(0, 10);
          const last = latestStuckDate(cal, today, n);
          expect(workingDaysBetween(cal, last, today)).toBeGreaterThanOrEqual(n);
          expect(workingDaysBetween(cal, addCalendarDays(last, 1), today)).toBeLessThan(Math.max(n, 1));
        },
      ),
    );
  });
});
