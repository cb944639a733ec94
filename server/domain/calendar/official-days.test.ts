import { describe, expect, it } from "vitest";
import { FROZEN_OFFICIAL_DAYS } from "../../db/migrations/2026112806_calendar.days.ts";
import { OFFICIAL_YEARS, officialDays } from "./official-days.ts";

describe("the calendar migration's frozen days", () => {
  it("are exactly the official schedule of the shipped years, in the order the migration inserted them", () => {
    expect(FROZEN_OFFICIAL_DAYS.map((y) => y.year)).toEqual([...OFFICIAL_YEARS]);
    for (const { year, days } of FROZEN_OFFICIAL_DAYS) expect(days).toEqual(officialDays(year));
  });
});
