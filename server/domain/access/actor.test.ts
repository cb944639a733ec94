import { describe, expect, it } from "vitest";
import { type Actor, hasRole, inScope, scopeRoots } from "./actor.ts";

const actor = (grants: [string, string][]): Actor => ({
  kind: "user",
  userId: "u",
  name: "u",
  homePath: "/450000/",
  grants: grants.map(([role, orgPath]) => ({
    role: role as never,
    orgPath,
    orgId: orgPath,
    orgName: orgPath,
  })),
});

describe("scope rules", () => {
  it("grants a role over the whole subtree of its org and nothing beside it", () => {
    const a = actor([["unit_lead", "/450000/450100/"]]);
    expect(hasRole(a, "unit_lead", "/450000/450100/450102/")).toBe(true);
    expect(hasRole(a, "unit_lead", "/450000/450100/")).toBe(true);
    expect(hasRole(a, "unit_lead", "/450000/450200/")).toBe(false);
    expect(hasRole(a, "unit_lead", "/450000/")).toBe(false);
    expect(hasRole(a, "coordinator", "/450000/450100/")).toBe(false);
  });

  it("does not confuse a sibling whose code shares a prefix", () => {
    const a = actor([["unit_lead", "/450000/45010/"]]);
    expect(inScope(a, "/450000/450100/")).toBe(false);
  });

  it("folds nested roots away and keeps disjoint ones", () => {
    const a = actor([
      ["unit_lead", "/450000/450100/"],
      ["unit_staff", "/450000/450100/450102/"],
      ["leader", "/450000/450200/"],
    ]);
    expect(scopeRoots(a)).toEqual(["/450000/450100/", "/450000/450200/"]);
    expect(scopeRoots(a, ["unit_staff"])).toEqual(["/450000/450100/450102/"]);
    expect(scopeRoots(actor([]))).toEqual([]);
  });

  it("lets the system actor do anything", () => {
    const sys: Actor = { kind: "system", userId: null, name: "s", homePath: "/", grants: [] };
    expect(hasRole(sys, "admin", "/x/")).toBe(true);
    expect(scopeRoots(sys)).toBeNull();
  });
});
