import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { moveOrg } from "../orgs/org.commands.ts";
import { decomposeTask } from "../tasks/task.commands.ts";
import { listProblems } from "./ledger.queries.ts";
import { assignProblem } from "./problem.commands.ts";
import { findProblemById } from "./problem.queries.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

/** What `username`'s ledger holds, and whether the problem's detail opens for them. */
async function sight(roles: [string, string][], problemId: string) {
  const user = await t.build.user({ roles: roles as never });
  const ctx = await t.ctxFor(user);
  const list = await listProblems(ctx, {});
  const detail = await findProblemById(ctx, problemId).then(
    () => true,
    () => false,
  );
  return { listed: list.data.some((p) => p.id === problemId), total: list.total, detail };
}

const scopesOf = async (problemId: string) =>
  (
    await t.database.db
      .selectFrom("problemScopes")
      .select("path")
      .where("problemId", "=", problemId)
      .orderBy("path")
      .execute()
  ).map((r) => r.path);

describe("problem visibility (problem_scopes)", () => {
  it("records the office, the lead and the task units as the problem moves along", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "registered" });
    expect(await scopesOf(p.id)).toEqual([t.org("450000").path]);
    const q = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    expect(await scopesOf(q.id)).toEqual([t.org("450000").path, t.org("450100").path]);
  });

  it("shows a problem to a task unit's user right after decomposition, and not before", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    expect(await sight([["unit_staff", "450102"]], p.id)).toEqual({ listed: false, total: 0, detail: false });
    await decomposeTask(t.sys, { taskId: p.taskId, tasks: [{ orgId: t.org("450102").id }] });
    expect(await scopesOf(p.id)).toContain(t.org("450102").path);
    expect(await sight([["unit_staff", "450102"]], p.id)).toEqual({ listed: true, total: 1, detail: true });
    // a sibling county of the task unit still sees nothing
    expect(await sight([["unit_staff", "450103"]], p.id)).toEqual({ listed: false, total: 0, detail: false });
  });

  it("keeps 柳州's users away from 南宁's problems", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    await decomposeTask(t.sys, { taskId: p.taskId, tasks: [{ orgId: t.org("450102").id }] });
    expect(await sight([["unit_lead", "450200"]], p.id)).toEqual({ listed: false, total: 0, detail: false });
    expect(await sight([["unit_lead", "450100"]], p.id)).toMatchObject({ listed: true, detail: true });
    expect(await sight([["coordinator", "450000"]], p.id)).toMatchObject({ listed: true, detail: true });
  });

  it("shows a problem to its co-operating units", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "registered" });
    await assignProblem(t.sys, {
      problemId: p.id,
      leadOrgId: t.org("450100").id,
      coOrgIds: [t.org("450300").id],
      deadline: "2026-12-31",
    });
    expect(await sight([["unit_lead", "450300"]], p.id)).toMatchObject({ listed: true, detail: true });
    expect(await sight([["unit_lead", "450200"]], p.id)).toMatchObject({ listed: false, detail: false });
  });

  it("follows a task unit that moves to another city", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    const unit = await t.build.org({ parentCode: "450102" });
    await decomposeTask(t.sys, { taskId: p.taskId, tasks: [{ orgId: unit.id }] });
    expect(await sight([["unit_lead", "450200"]], p.id)).toMatchObject({ listed: false });
    await moveOrg(t.sys, { orgId: unit.id, parentId: t.org("450200").id });
    expect(await sight([["unit_lead", "450200"]], p.id)).toMatchObject({ listed: true, detail: true });
  });
});
