import { describe, expect, it } from "vitest";
import { researchFigures, siteKind } from "./research.figures.ts";
import { pathsUpFrom } from "./research.sites.ts";

describe("siteKind", () => {
  it("names towns and villages by level, other units by type, and everything else other", () => {
    expect(siteKind({ kind: "region", level: "town" })).toBe("town");
    expect(siteKind({ kind: "region", level: "village" })).toBe("village");
    expect(siteKind({ kind: "region", level: "county" })).toBe("other");
    expect(siteKind({ kind: "unit", level: null, unitType: "hospital" })).toBe("hospital");
    expect(siteKind({ kind: "department", level: null, unitType: null })).toBe("other");
  });
});

describe("pathsUpFrom", () => {
  it("lists every ancestor path, the path itself last", () => {
    expect(pathsUpFrom("/450000/450100/x/")).toEqual(["/450000/", "/450000/450100/", "/450000/450100/x/"]);
  });
});

describe("researchFigures", () => {
  it("counts a place visited twice once, and adds households and symposia per visit", () => {
    const park = { orgId: "p", kind: "park" as const, cityId: "nn", countyId: "xn" };
    const school = { orgId: "s", kind: "school" as const, cityId: "lz", countyId: "cz" };
    const figures = researchFigures([
      { sites: [park], householdsVisited: 2, householdsConsoled: 1, symposia: 1, findings: [] },
      {
        sites: [park, school],
        householdsVisited: 0,
        householdsConsoled: 3,
        symposia: 2,
        findings: [
          { fixedOnTheSpot: true, problem: { status: "closed", closureKind: "rectified" } },
          { fixedOnTheSpot: false, problem: null },
        ],
      },
    ]);
    expect(figures).toMatchObject({
      visits: 2,
      cities: 2,
      counties: 2,
      sites: 2,
      householdsVisited: 2,
      householdsConsoled: 4,
      symposia: 3,
      findings: 2,
      fixedOnTheSpot: 1,
      problems: 1,
      problemsRectified: 1,
    });
    expect(figures.sitesByKind).toMatchObject({ park: 1, school: 1, town: 0 });
  });
});
