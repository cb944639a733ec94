import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUPERVISION_ACTIVITY_KINDS } from "../../../contract/enums.ts";
import { type ActivityForFigures, reportFigures } from "./report.figures.ts";

const activity = (
  kind: ActivityForFigures["kind"],
  place: string,
  findings: (string | null)[],
  placeOrgId: string | null = null,
): ActivityForFigures => ({
  kind,
  place,
  placeOrgId,
  findings: findings.map((status) => ({ problem: status ? { status } : null })),
});

describe("reportFigures", () => {
  it("counts activities by kind, distinct places, findings, conversions and closures", () => {
    const f = reportFigures([
      activity("site_visit", "兴宁区三塘镇", [null, "rectifying"], "org-1"),
      activity("site_visit", "三塘镇政府", ["closed"], "org-1"),
      activity("symposium", "市委会议室", [null]),
      activity("site_visit", "市委会议室 ", []),
    ]);
    expect(f.activities).toBe(4);
    expect(f.byKind.site_visit).toBe(3);
    expect(f.byKind.symposium).toBe(1);
    expect(f.byKind.spot_check).toBe(0);
    expect(f.places).toBe(2);
    expect(f.findings).toBe(4);
    expect(f.converted).toBe(2);
    expect(f.closed).toBe(1);
  });

  it("adds up: the kinds sum to the activities, and closed ≤ converted ≤ findings", () => {
    const arb = fc.array(
      fc.record({
        kind: fc.constantFrom(...SUPERVISION_ACTIVITY_KINDS),
        place: fc.string({ maxLength: 5 }),
        placeOrgId: fc.option(fc.constantFrom("a", "b", "c")),
        findings: fc.array(
          fc.record({
            problem: fc.option(fc.record({ status: fc.constantFrom("rectifying", "closed") })),
          }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (acts) => {
        const f = reportFigures(acts);
        expect(Object.values(f.byKind).reduce((a, b) => a + b, 0)).toBe(acts.length);
        expect(f.findings).toBe(acts.reduce((n, a) => n + a.findings.length, 0));
        expect(f.closed).toBeLessThanOrEqual(f.converted);
        expect(f.converted).toBeLessThanOrEqual(f.findings);
        expect(f.places).toBeLessThanOrEqual(acts.length);
      }),
    );
  });
});
