import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollUp } from "./progress.ts";

describe("rollUp", () => {
  it("weights each item", () => {
    expect(
      rollUp([
        { weight: 3, progress: 100 },
        { weight: 1, progress: 0 },
      ]),
    ).toBe(75);
    expect(
      rollUp([
        { weight: 1, progress: 100 },
        { weight: 1, progress: 0 },
      ]),
    ).toBe(50);
    expect(rollUp([])).toBe(0);
  });

  it("stays within 0–100 and between the smallest and largest part, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weight: fc.integer({ min: 0, max: 100 }),
            progress: fc.integer({ min: -50, max: 150 }),
          }),
          {
            maxLength: 20,
          },
        ),
        (items) => {
          const r = rollUp(items);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(100);
          const weighted = items
            .filter((i) => i.weight > 0)
            .map((i) => Math.min(100, Math.max(0, i.progress)));
          if (weighted.length > 0) {
            expect(r).toBeGreaterThanOrEqual(Math.floor(Math.min(...weighted)));
            expect(r).toBeLessThanOrEqual(Math.ceil(Math.max(...weighted)));
          }
        },
      ),
    );
  });
});
