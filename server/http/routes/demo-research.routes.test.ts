import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../domain/demo/demo.commands.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe("the demo research register", () => {
  it("reads 6 cities / 15 counties / 45 sites / 9 households / 4 symposia for 2026, from the API", async () => {
    await seedDemo(t.sys);
    const leader = await t.as("leader", DEMO_PASSWORD);
    const res = await leader("GET", "/api/v1/research/statistics?from=2026-01-01&to=2026-12-31");
    expect(res.statusCode, res.body).toBe(200);
    const { totals, byOfficial } = res.json().data;
    expect(totals).toMatchObject({ cities: 6, counties: 15, sites: 45, householdsConsoled: 9, symposia: 4 });
    expect(byOfficial).toHaveLength(1);
    expect(byOfficial[0]).toMatchObject({ leadName: "自治区 领导", figures: { sites: 45, cities: 6 } });
    // sites spread over towns, villages, communities, parks, enterprises, hospitals and schools
    for (const kind of ["town", "village", "community", "park", "enterprise", "hospital", "school"])
      expect(totals.sitesByKind[kind], kind).toBeGreaterThan(0);
    // one finding fixed on the spot, two became assigned problems
    expect(totals).toMatchObject({ fixedOnTheSpot: 1, problems: 3, problemsRectified: 1 });
    // the visit of 2025 stays out of 2026 and counts when no period is given
    const ever = (await leader("GET", "/api/v1/research/statistics")).json().data;
    expect(ever.totals).toMatchObject({ visits: 5, symposia: 5, householdsConsoled: 10 });
  }, 240_000); // the whole demo tree (17,000 villages) on a shared PostgreSQL
});
