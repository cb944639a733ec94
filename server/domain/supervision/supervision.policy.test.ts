import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../access/actor.ts";
import { issuingGrant } from "./supervision.policy.ts";

const grant = (orgPath: string, extra: Partial<Grant> = {}): Grant => ({
  role: "supervisor",
  orgId: orgPath,
  orgPath,
  orgName: orgPath,
  ...extra,
});
const actor = (grants: Grant[]): Actor => ({
  kind: "user",
  userId: "u",
  name: "u",
  homePath: "/gx/",
  grants,
});

describe("issuingGrant", () => {
  const item = ["/gx/nn/xn/"];

  it("issues from the deepest assigned supervising grant that covers the item", () => {
    const a = actor([grant("/gx/"), grant("/gx/nn/"), grant("/gx/lz/")]);
    expect(issuingGrant(a, item)?.orgPath).toBe("/gx/nn/");
  });

  it("never issues in the name of a supervision group's contact point when the member has an office", () => {
    const a = actor([grant("/gx/"), grant("/gx/nn/", { via: "supervision_group" })]);
    expect(issuingGrant(a, item)?.orgPath).toBe("/gx/");
  });

  it("ignores roles that do not supervise and grants that do not cover the item", () => {
    const a = actor([grant("/gx/nn/", { role: "unit_lead" }), grant("/gx/lz/")]);
    expect(issuingGrant(a, item)).toBeNull();
  });
});
