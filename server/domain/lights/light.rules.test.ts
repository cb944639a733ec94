import { describe, expect, it } from "vitest";
import { WEEKENDS_ONLY, type WorkCalendar } from "../calendar/working-days.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "../campaigns/campaign.settings.ts";
import { computeLight, type LightInput, lightSummary, nextWarnedOn } from "./light.rules.ts";

const S = DEFAULT_CAMPAIGN_SETTINGS;
// 2026-11-02 (Mon) → 2026-11-27 (Fri): 19 working days after the start, Monday to Friday.
const base: LightInput = {
  today: "2026-11-02",
  start: "2026-11-02",
  deadline: "2026-11-27",
  progress: 0,
  lastReportOn: null,
  warnedOn: null,
};
const at = (today: string, more: Partial<LightInput> = {}): LightInput => ({
  ...base,
  today,
  lastReportOn: today,
  ...more,
});

type Case = [string, LightInput, string, number, string[], Partial<typeof S>?];
const CASES: Case[] = [
  ["is green on the first day", base, "green", 0, []],
  ["is green on plan with a recent report", at("2026-11-09", { progress: 30 }), "green", 26, []],
  ["is yellow 10 points behind plan", at("2026-11-09", { progress: 16 }), "yellow", 26, ["behind"]],
  ["stays green 9 points behind plan", at("2026-11-09", { progress: 17 }), "green", 26, []],
  ["is yellow 30 points behind plan", at("2026-11-16", { progress: 23 }), "yellow", 53, ["behind"]],
  ["is red more than 30 points behind plan", at("2026-11-16", { progress: 22 }), "red", 53, ["far_behind"]],
  // 11-20: 5 of 19 working days left (26 %).
  [
    "is yellow with ≤ 30 % of the time left",
    at("2026-11-20", { progress: 74 }),
    "yellow",
    74,
    ["time_running_out"],
  ],
  // 11-24: 3 left (16 %); 11-25: 2 left (11 %).
  [
    "is yellow with 3 working days left",
    at("2026-11-24", { progress: 84 }),
    "yellow",
    84,
    ["time_running_out"],
  ],
  [
    "is orange with ≤ 15 % of the time left",
    at("2026-11-25", { progress: 89 }),
    "orange",
    89,
    ["little_time_left"],
  ],
  [
    "is orange with 2 days left and 18 points behind, giving both reasons",
    at("2026-11-25", { progress: 71 }),
    "orange",
    89,
    ["little_time_left", "behind"],
  ],
  ["is red the day after the deadline", at("2026-11-28", { progress: 99 }), "red", 100, ["overdue"]],
  ["is red after the deadline even when done", at("2026-11-30", { progress: 100 }), "red", 100, ["overdue"]],
  ["is not chased for time once at 100 %", at("2026-11-26", { progress: 100 }), "green", 95, []],
  [
    "is yellow when no report came for more than 10 working days",
    at("2026-11-17", { progress: 60, lastReportOn: "2026-11-02" }),
    "yellow",
    58,
    ["report_overdue"],
  ],
  [
    "is orange when a warning went unanswered for 3 working days",
    at("2026-11-12", { progress: 35, lastReportOn: "2026-11-05", warnedOn: "2026-11-09" }),
    "orange",
    42,
    ["warning_unanswered"],
  ],
  [
    "is not orange once the warning was answered by a report",
    at("2026-11-12", { progress: 42, lastReportOn: "2026-11-11", warnedOn: "2026-11-09" }),
    "green",
    42,
    [],
  ],
  [
    "follows the campaign's thresholds",
    at("2026-11-09", { progress: 21 }),
    "yellow",
    26,
    ["behind"],
    { lightYellowBehind: 5 },
  ],
  [
    "is red on a deadline set before the start once it has passed",
    at("2026-11-03", { start: "2026-11-04", deadline: "2026-11-02", progress: 95 }),
    "red",
    100,
    ["overdue"],
  ],
];

describe("computeLight", () => {
  for (const [name, input, light, planned, codes, settings] of CASES) {
    it(name, () => {
      const r = computeLight(WEEKENDS_ONLY, { ...S, ...settings }, input);
      expect(r.light).toBe(light);
      expect(r.plannedProgress).toBe(planned);
      expect(r.reasons.map((x) => x.code)).toEqual(codes);
    });
  }

  it("explains itself in both languages", () => {
    const r = computeLight(WEEKENDS_ONLY, S, at("2026-11-25", { progress: 71 }));
    expect(lightSummary(r.reasons, "zh")).toBe("剩余 2 个工作日，进度落后序时 18 个百分点");
    expect(lightSummary(r.reasons, "en")).toBe("2 working days left, 18 points behind plan");
  });

  it("counts time in working days, so a holiday week does not eat the time left", () => {
    const cal: WorkCalendar = {
      holidays: new Set(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]),
      workdays: new Set(["2026-10-10"]),
      years: new Set([2026]),
    };
    const x = {
      ...base,
      start: "2026-09-28",
      today: "2026-09-30",
      deadline: "2026-10-14",
      lastReportOn: "2026-09-30",
    };
    // 9/29, 9/30 elapsed; 10/8, 10/9, 10/10, 10/12, 10/13, 10/14 left: 2 of 8.
    expect(computeLight(cal, S, { ...x, progress: 25 })).toMatchObject({
      light: "green",
      plannedProgress: 25,
    });
    expect(computeLight(WEEKENDS_ONLY, S, { ...x, progress: 25 }).plannedProgress).toBe(17);
  });
});

describe("nextWarnedOn", () => {
  it("starts on the day the light leaves green, stays while warned, clears on green", () => {
    expect(nextWarnedOn("yellow", null, "2026-11-09")).toBe("2026-11-09");
    expect(nextWarnedOn("orange", "2026-11-09", "2026-11-12")).toBe("2026-11-09");
    expect(nextWarnedOn("green", "2026-11-09", "2026-11-12")).toBeNull();
  });
});
