import { describe, expect, it } from "vitest";
import { REVIEW_CHECKLIST } from "../enums.ts";
import { ReviewChecklist } from "./problem.ts";

describe("the review checklist schema", () => {
  it("has exactly the six points of the domain, in order", () => {
    expect(Object.keys(ReviewChecklist.properties)).toEqual([...REVIEW_CHECKLIST]);
  });
});
