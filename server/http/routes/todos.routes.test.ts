import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  await t.build.user({ username: "ddz", roles: [["supervisor", "450000"]] });
  await t.build.user({ username: "nanning", roles: [["unit_lead", "450100"]] });
  await t.build.user({ username: "xingning", roles: [["unit_staff", "450102"]] });
  await t.build.user({ username: "liuzhou", roles: [["unit_lead", "450200"]] });
});
afterEach(() => t.close());

const todos = async (username: string) =>
  (await (await t.as(username))("GET", "/api/v1/me/todos")).json().data;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("the work bench (工作台)", () => {
  it("shows each role what waits on it, and nothing of other units", async () => {
    const registered = await buildProblem(t, { owner: "450000", lead: "450100", stage: "registered" });
    const assigned = await buildProblem(t, { owner: "450000", lead: "450100", stage: "assigned" });
    const tasked = await buildProblem(t, { owner: "450000", lead: "450102", stage: "tasked" });
    const review = await buildProblem(t, { owner: "450000", lead: "450100", stage: "closeout_requested" });
    const ballots = await buildProblem(t, { owner: "450000", lead: "450100", stage: "public_review" });

    const zgb = await todos("zgb");
    expect(ids(zgb.toAssign)).toEqual([registered.id]);
    expect(ids(zgb.toReview)).toEqual([review.id]);
    expect(ids(zgb.ballotsToIssue)).toEqual([ballots.id]);
    const ddz = await todos("ddz");
    expect(ids(ddz.toAssign)).toEqual([]);
    expect(ids(ddz.toReview)).toEqual([review.id]);
    const nanning = await todos("nanning");
    expect(ids(nanning.toAcknowledge)).toEqual([assigned.id]);
    const xingning = await todos("xingning");
    expect(xingning.tasksToAcknowledge.map((x: { problemId: string }) => x.problemId)).toEqual([tasked.id]);
    const liuzhou = await todos("liuzhou");
    expect(Object.values(liuzhou).flat()).toEqual([]);
  });
});
