import { describe, expect, it } from "vitest";
import { addMonths, defaultTrendStart, trendBuckets, weekStart } from "./stats.periods.ts";

describe("trend periods", () => {
  it("starts weeks on Monday", () => {
    expect(weekStart("2026-11-30")).toBe("2026-11-30"); // Monday
    expect(weekStart("2026-12-06")).toBe("2026-11-30"); // Sunday
    expect(weekStart("2026-12-02")).toBe("2026-11-30");
  });

  it("moves months across a year end", () => {
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-01");
    expect(addMonths("2026-01-31", -1)).toBe("2025-12-01");
  });

  it("cuts the period into weeks clipped to its ends", () => {
    expect(trendBuckets("week", "2026-11-26", "2026-12-09")).toEqual([
      { from: "2026-11-26", to: "2026-11-29" },
      { from: "2026-11-30", to: "2026-12-06" },
      { from: "2026-12-07", to: "2026-12-09" },
    ]);
  });

  it("cuts the period into calendar months", () => {
    expect(trendBuckets("month", "2026-10-01", "2027-01-31")).toEqual([
      { from: "2026-10-01", to: "2026-10-31" },
      { from: "2026-11-01", to: "2026-11-30" },
      { from: "2026-12-01", to: "2026-12-31" },
      { from: "2027-01-01", to: "2027-01-31" },
    ]);
    expect(trendBuckets("month", "2026-02-10", "2026-02-10")).toEqual([
      { from: "2026-02-10", to: "2026-02-10" },
    ]);
  });

  it("reaches back twelve periods by default", () => {
    expect(trendBuckets("week", defaultTrendStart("week", "2026-12-02"), "2026-12-02")).toHaveLength(12);
    expect(trendBuckets("month", defaultTrendStart("month", "2026-12-02"), "2026-12-02")).toHaveLength(12);
  });
});
