import { describe, expect, it } from "vitest";
import { satisfactionOutcome } from "./satisfaction.ts";

describe("satisfactionOutcome", () => {
  const cases: [string, Record<string, number>, number, boolean, number | null][] = [
    ["all satisfied", { satisfied: 10 }, 0.9, true, 1],
    ["满意 + 基本满意 both count", { satisfied: 1, basically_satisfied: 1 }, 0.9, true, 1],
    ["exactly at the threshold passes", { satisfied: 9, dissatisfied: 1 }, 0.9, true, 0.9],
    [
      "just below the threshold fails",
      { satisfied: 8, basically_satisfied: 0, dissatisfied: 1 },
      0.9,
      false,
      8 / 9,
    ],
    ["one of two dissatisfied fails at 90 %", { satisfied: 1, dissatisfied: 1 }, 0.9, false, 0.5],
    [
      "more than half dissatisfied fails even with a low threshold",
      { satisfied: 2, dissatisfied: 3 },
      0.3,
      false,
      0.4,
    ],
    ["half dissatisfied passes a 50 % threshold", { satisfied: 2, dissatisfied: 2 }, 0.5, true, 0.5],
    ["no ballot is no approval", {}, 0.9, false, null],
    [
      "5-level: 非常满意 approves, 非常不满意 does not",
      { very_satisfied: 9, very_dissatisfied: 1 },
      0.9,
      true,
      0.9,
    ],
  ];
  for (const [name, counts, threshold, passes, rate] of cases) {
    it(name, () => {
      const r = satisfactionOutcome(counts, threshold);
      expect(r.passes).toBe(passes);
      if (rate === null) expect(r.rate).toBeNull();
      else expect(r.rate).toBeCloseTo(rate, 10);
    });
  }
});
