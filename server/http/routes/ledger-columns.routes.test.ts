import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProblemRowView } from "../../../contract/schemas/problem.ts";
import { addMeasure, decomposeMeasure } from "../../domain/tasks/measure.commands.ts";
import { submitProgressReport } from "../../domain/tasks/task.commands.ts";
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

/**
 * A problem led by 南宁 with two measures: 完善制度 (due 12-20) decomposed to 兴宁区, and
 * 逐村排查 (due 12-10) decomposed to 兴宁区 and 青秀区 and reported done by both.
 */
async function twoMeasures() {
  const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "rectifying" });
  const first = await addMeasure(t.sys, { problemId: p.id, title: "完善制度", deadline: "2026-12-20" });
  await decomposeMeasure(t.sys, {
    measureId: first.measures[0].id,
    tasks: [{ orgId: t.org("450102").id }],
  });
  const second = await addMeasure(t.sys, { problemId: p.id, title: "逐村排查", deadline: "2026-12-10" });
  const split = await decomposeMeasure(t.sys, {
    measureId: second.measures[1].id,
    tasks: ["450103", "450102"].map((c) => ({ orgId: t.org(c).id })),
  });
  for (const task of split.measures[1].tasks) {
    const code = task.orgId === t.org("450102").id ? "450102" : "450103";
    const clerk = await t.ctxFor(await t.build.user({ roles: [["unit_staff", code]] }));
    await submitProgressReport(clerk, { taskId: task.id, percent: 100, text: "已完成排查" });
  }
  return p.id;
}

async function ledgerPage(query = "") {
  const call = await t.as("zgb");
  await call("GET", "/api/v1/auth/me");
  counter.count = 0;
  const res = await call("GET", `/api/v1/problems${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return { rows: res.json().data as ProblemRowView[], queries: counter.count };
}

describe("the ledger's 责任单位 and 阶段节点 columns", () => {
  it("lists each task unit once and the measures as milestones by deadline", async () => {
    const id = await twoMeasures();
    const row = (await ledgerPage()).rows.find((r) => r.id === id);
    const units = await t.database.db
      .selectFrom("orgs")
      .select("name")
      .where("code", "in", ["450102", "450103"])
      .orderBy("path")
      .execute();
    expect(units).toHaveLength(2);
    expect(row?.responsibleOrgNames).toEqual(units.map((u) => u.name));
    expect(row?.milestones).toEqual([
      { seqNo: 2, title: "逐村排查", deadline: "2026-12-10", done: true },
      { seqNo: 1, title: "完善制度", deadline: "2026-12-20", done: false },
    ]);
  });

  it("is empty before the problem has measures or tasks", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "assigned" });
    const row = (await ledgerPage()).rows.find((r) => r.id === p.id);
    expect(row).toMatchObject({ responsibleOrgNames: [], milestones: [], remarks: null });
  });

  it("costs the same number of queries for a page of two as for a page of six", async () => {
    for (let i = 0; i < 6; i++) await twoMeasures();
    const two = await ledgerPage("?limit=2");
    const six = await ledgerPage("?limit=6");
    expect(six.rows).toHaveLength(6);
    expect(six.rows.every((r) => r.responsibleOrgNames.length === 2 && r.milestones.length === 2)).toBe(true);
    expect(six.queries).toBe(two.queries);
  });
});
