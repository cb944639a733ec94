import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMeasure, decomposeMeasure } from "../../domain/tasks/measure.commands.ts";
import { decomposeTask, submitProgressReport } from "../../domain/tasks/task.commands.ts";
import { buildProblem } from "../../test/problems.ts";
import { QueryCounter } from "../../test/query-counter.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
const counter = new QueryCounter();
beforeEach(async () => {
  t = await testApp({}, { plugins: [counter] });
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
});
afterEach(() => t.close());

async function queriesFor(url: string) {
  const call = await t.as("zgb");
  await call("GET", "/api/v1/auth/me");
  counter.count = 0;
  const res = await call("GET", url);
  expect(res.statusCode, res.body).toBe(200);
  return counter.count;
}

describe("problem detail", () => {
  it("costs the same number of queries for one task as for a deep tree (no N+1)", async () => {
    const small = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    const big = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    for (let m = 0; m < 4; m++) {
      const p = await addMeasure(t.sys, { problemId: big.id, title: `措施${m}`, deadline: "2026-12-20" });
      const measure = p.measures[p.measures.length - 1];
      const withTasks = await decomposeMeasure(t.sys, {
        measureId: measure.id,
        tasks: ["450102", "450103", "450105"].map((c) => ({ orgId: t.org(c).id })),
      });
      const top = withTasks.measures.find((x) => x.id === measure.id)!.tasks[0];
      const deeper = await decomposeTask(t.sys, {
        taskId: top.id,
        tasks: [{ orgId: (await t.build.org({ parentCode: "450102" })).id }],
      });
      const leaf = deeper.measures.find((x) => x.id === measure.id)!.tasks.find((x) => x.id === top.id)!
        .children[0];
      await submitProgressReport(t.sys, { taskId: leaf.id, percent: 50, text: "推进中" });
    }
    const few = await queriesFor(`/api/v1/problems/${small.id}`);
    const many = await queriesFor(`/api/v1/problems/${big.id}`);
    expect(many).toBe(few);
    expect(few).toBeLessThan(25);
  });

  it("lists a page of the ledger in a fixed number of queries whatever the page size", async () => {
    for (let i = 0; i < 6; i++) await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    const two = await queriesFor("/api/v1/problems?limit=2");
    const six = await queriesFor("/api/v1/problems?limit=6");
    expect(six).toBe(two);
  });
});
