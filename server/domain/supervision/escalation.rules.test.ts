import { describe, expect, it } from "vitest";
import { WEEKENDS_ONLY, type WorkCalendar } from "../calendar/working-days.ts";
import { DEFAULT_ESCALATION_SETTINGS } from "../campaigns/campaign.settings.ts";
import { escalationSteps, type Subject } from "./escalation.rules.ts";

// 2026-11-23 is a Monday; 2026-11-28/29 a weekend.
const base: Subject = {
  kind: "problem",
  id: "p1",
  light: "green",
  episode: "e1",
  lightSince: "2026-11-23",
  answered: false,
  openRedNotice: false,
  listed: false,
};
const S = DEFAULT_ESCALATION_SETTINGS; // yellow unanswered 3, red → proposals 10, task sign-for 1

const CASES: [string, Partial<Subject>, string, string[]][] = [
  ["green asks for nothing", {}, "2026-12-31", []],
  ["yellow reminds the unit", { light: "yellow" }, "2026-11-23", ["reminder/yellow"]],
  ["yellow unanswered 2 working days only reminds", { light: "yellow" }, "2026-11-25", ["reminder/yellow"]],
  [
    "yellow unanswered 3 working days is urged",
    { light: "yellow" },
    "2026-11-26",
    ["reminder/yellow", "urging/yellow_unanswered"],
  ],
  [
    "a weekend does not count: Fri→Mon is one working day",
    { light: "yellow", lightSince: "2026-11-27" },
    "2026-11-30",
    ["reminder/yellow"],
  ],
  [
    "yellow answered is not urged however long",
    { light: "yellow", answered: true },
    "2026-12-31",
    ["reminder/yellow"],
  ],
  ["orange is urged at once", { light: "orange" }, "2026-11-23", ["urging/orange"]],
  ["red gets a red notice", { light: "red" }, "2026-11-23", ["red_notice/red"]],
  ["red with an open red notice gets none", { light: "red", openRedNotice: true }, "2026-11-24", []],
  ["red for 9 working days: no proposal yet", { light: "red", openRedNotice: true }, "2026-12-04", []],
  [
    "red for 10 working days is proposed for listing and interview",
    { light: "red", openRedNotice: true },
    "2026-12-07",
    ["propose_listing/red_lasting", "propose_interview/red_lasting"],
  ],
  [
    "a listed item is only proposed for an interview",
    { light: "red", openRedNotice: true, listed: true },
    "2026-12-07",
    ["propose_interview/red_lasting"],
  ],
  [
    "a red task is urged (notices are per item)",
    { kind: "task", light: "red" },
    "2026-11-23",
    ["urging/red"],
  ],
  [
    "a task unsigned for 1 working day draws a reminder",
    { kind: "task", pendingSince: "2026-11-23" },
    "2026-11-24",
    ["ack_reminder/task_unacknowledged"],
  ],
  ["a task handed down today waits", { kind: "task", pendingSince: "2026-11-24" }, "2026-11-24", []],
  [
    "a task handed down on Friday waits over the weekend",
    { kind: "task", pendingSince: "2026-11-27" },
    "2026-11-29",
    [],
  ],
];

describe("escalationSteps", () => {
  it.each(CASES)("%s", (_name, over, today, expected) => {
    const steps = escalationSteps({ ...base, ...over }, S, WEEKENDS_ONLY, today);
    expect(steps.map((s) => `${s.step}/${s.rule}`)).toEqual(expected);
  });

  it("keys each step by subject and light episode, so a new episode may fire again", () => {
    const a = escalationSteps({ ...base, light: "yellow" }, S, WEEKENDS_ONLY, "2026-11-23");
    const b = escalationSteps({ ...base, light: "yellow", episode: "e2" }, S, WEEKENDS_ONLY, "2026-11-23");
    const c = escalationSteps({ ...base, light: "yellow", id: "p2" }, S, WEEKENDS_ONLY, "2026-11-23");
    expect(a[0].key).not.toBe(b[0].key);
    expect(a[0].key).not.toBe(c[0].key);
    expect(escalationSteps({ ...base, light: "yellow" }, S, WEEKENDS_ONLY, "2026-11-24")[0].key).toBe(
      a[0].key,
    );
  });

  it("reads its thresholds from the campaign's settings", () => {
    const strict = { ...S, yellowUnansweredDays: 1, redProposalDays: 1 };
    expect(
      escalationSteps({ ...base, light: "yellow" }, strict, WEEKENDS_ONLY, "2026-11-24").map((s) => s.step),
    ).toEqual(["reminder", "urging"]);
    expect(
      escalationSteps(
        { ...base, light: "red", openRedNotice: true },
        strict,
        WEEKENDS_ONLY,
        "2026-11-24",
      ).map((s) => s.step),
    ).toEqual(["propose_listing", "propose_interview"]);
  });

  it("counts in the calendar it is given: a holiday delays the urging", () => {
    const holiday: WorkCalendar = {
      holidays: new Set(["2026-11-25"]),
      workdays: new Set(),
      years: new Set([2026]),
    };
    const yellow = { ...base, light: "yellow" as const };
    expect(escalationSteps(yellow, S, holiday, "2026-11-26").map((s) => s.step)).toEqual(["reminder"]);
    expect(escalationSteps(yellow, S, holiday, "2026-11-27").map((s) => s.step)).toEqual([
      "reminder",
      "urging",
    ]);
  });
});
