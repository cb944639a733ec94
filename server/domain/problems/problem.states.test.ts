import { describe, expect, it } from "vitest";
import { PROBLEM_STATUSES, type ProblemStatus } from "../../../contract/enums.ts";
import { nextStatus, PROBLEM_TRANSITIONS, type ProblemAction } from "./problem.states.ts";

/** DOMAIN.md §2.3 written out as (from, action) → to; every other pair must be illegal. */
const LEGAL: [ProblemStatus, ProblemAction, ProblemStatus][] = [
  ["registered", "assign", "assigned"],
  ["assigned", "acknowledge", "rectifying"],
  ["rectifying", "requestCloseOut", "closeout_requested"],
  ["ongoing", "requestCloseOut", "closeout_requested"],
  ["closeout_requested", "reject", "rectifying"],
  ["closeout_requested", "approveToPublic", "public_review"],
  ["closeout_requested", "approveToClosed", "closed"],
  ["public_review", "publicPass", "closed"],
  ["public_review", "publicFail", "rectifying"],
  ["rectifying", "stageClose", "ongoing"],
  ["closed", "followUpOk", "closed"],
  ["closed", "followUpRelapse", "rectifying"],
  ...(
    ["registered", "assigned", "rectifying", "closeout_requested", "public_review", "ongoing"] as const
  ).map((s) => [s, "withdraw", "closed"] as [ProblemStatus, ProblemAction, ProblemStatus]),
];

describe("the problem state machine", () => {
  for (const status of PROBLEM_STATUSES) {
    for (const action of Object.keys(PROBLEM_TRANSITIONS) as ProblemAction[]) {
      const legal = LEGAL.find(([f, a]) => f === status && a === action);
      it(`${action} from ${status} ${legal ? `leads to ${legal[2]}` : "is illegal"}`, () => {
        expect(nextStatus(status, action)).toBe(legal ? legal[2] : null);
      });
    }
  }

  it("never leaves closed except by a follow-up relapse", () => {
    const exits = (Object.keys(PROBLEM_TRANSITIONS) as ProblemAction[]).filter((a) => {
      const to = nextStatus("closed", a);
      return to !== null && to !== "closed";
    });
    expect(exits).toEqual(["followUpRelapse"]);
  });
});
