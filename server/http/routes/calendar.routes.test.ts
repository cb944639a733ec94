import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCalendar } from "../../domain/calendar/calendar.queries.ts";
import { addWorkingDays } from "../../domain/calendar/working-days.ts";
import { assignProblem } from "../../domain/problems/problem.commands.ts";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "admin1", roles: [["admin", "450000"]] });
  await t.build.user({ username: "clerk", roles: [["unit_staff", "450102"]] });
  await t.build.user({ username: "coord", roles: [["coordinator", "450000"]] });
});
afterEach(() => t.close());

const NEW_YEAR_2027 = [
  { date: "2027-01-01", kind: "holiday", name: "元旦" },
  { date: "2027-01-02", kind: "holiday", name: "元旦" },
  { date: "2027-01-03", kind: "holiday", name: "元旦" },
  { date: "2027-01-09", kind: "workday", name: "元旦" },
];

describe("the working-day calendar", () => {
  it("ships the official 2026 schedule to every install", async () => {
    const res = await (await t.as("clerk"))("GET", "/api/v1/calendar/2026");
    expect(res.statusCode).toBe(200);
    const year = res.json().data;
    expect(year).toMatchObject({ known: true, source: "official", fallback: null });
    const days = year.days as { date: string; kind: string; name: string }[];
    expect(days.filter((d) => d.kind === "holiday").length).toBe(33);
    expect(days.filter((d) => d.kind === "workday").map((d) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(days.find((d) => d.date === "2026-02-15")?.name).toBe("春节");
    const y2025 = (await (await t.as("clerk"))("GET", "/api/v1/calendar/2025")).json().data;
    expect(y2025.days.find((d: { date: string }) => d.date === "2025-01-28")).toMatchObject({
      kind: "holiday",
    });
  });

  it("warns about a year in use without a schedule, until an admin enters it", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    await assignProblem(t.sys, { problemId: p.id, leadOrgId: t.org("450102").id, deadline: "2027-03-01" });
    const coord = await t.as("coord");
    expect((await coord("GET", "/api/v1/calendar")).json().data.missingYears).toEqual([2027]);
    expect((await coord("GET", "/api/v1/calendar/2027")).json().data).toMatchObject({
      known: false,
      fallback: "weekends_only",
      days: [],
    });
    const before = await loadCalendar(t.sys);
    expect(addWorkingDays(before, "2026-12-31", 1)).toBe("2027-01-01");

    expect((await coord("PUT", "/api/v1/calendar/2027", { days: NEW_YEAR_2027 })).statusCode).toBe(403);
    const admin = await t.as("admin1");
    const res = await admin("PUT", "/api/v1/calendar/2027", { days: NEW_YEAR_2027 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ known: true, source: "admin", fallback: null });
    expect((await coord("GET", "/api/v1/calendar")).json().data.missingYears).toEqual([]);
    const after = await loadCalendar(t.sys);
    expect(addWorkingDays(after, "2026-12-31", 1)).toBe("2027-01-04");
    expect(addWorkingDays(after, "2027-01-08", 1)).toBe("2027-01-09");
    const event = await t.database.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("type", "=", "calendar.year_replaced")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.dataJson)).toMatchObject({ year: 2027, workdays: ["2027-01-09"] });
  });

  it("refuses days outside the year, twice the same day, and make-up days on weekdays", async () => {
    const admin = await t.as("admin1");
    const outside = await admin("PUT", "/api/v1/calendar/2027", {
      days: [{ date: "2026-12-31", kind: "holiday", name: "元旦" }],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: "calendar_date_outside_year" });
    expect(outside.json().errors[0].field).toBe("days/0/date");
    const twice = await admin("PUT", "/api/v1/calendar/2027", {
      days: [NEW_YEAR_2027[0], NEW_YEAR_2027[0]],
    });
    expect(twice.json().code).toBe("calendar_date_duplicate");
    const weekday = await admin(
      "PUT",
      "/api/v1/calendar/2027",
      { days: [{ date: "2027-01-05", kind: "workday", name: "元旦" }] },
      "en",
    );
    expect(weekday.json()).toMatchObject({ code: "calendar_workday_not_weekend" });
    expect(weekday.json().detail).toContain("weekday");
    expect((await admin("GET", "/api/v1/calendar/2027")).json().data.known).toBe(false);
  });
});
