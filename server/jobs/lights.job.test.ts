import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submitProgressReport } from "../domain/tasks/task.commands.ts";
import { buildProblem } from "../test/problems.ts";
import { type TestDb, testDb } from "../test/support.ts";
import { lightsJob } from "./lights.job.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

const rowOf = (table: "tasks" | "problems", id: string) =>
  t.database.db
    .selectFrom(table)
    .select(["light", "plannedProgress", "lightReasonsJson", "lightChangedAt", "warnedOn"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const history = () => t.database.db.selectFrom("lightHistory").selectAll().orderBy("at").execute();
const lightEvents = () =>
  t.database.db
    .selectFrom("auditEvents")
    .selectAll()
    .where("type", "=", "light.changed")
    .orderBy("seq")
    .execute();

describe("recomputeLights", () => {
  it("recomputes the reporting task's chain on a progress report and touches nothing else", async () => {
    // Built on 2026-11-28; tasks due 2026-12-20, problems 2026-12-31.
    const a = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
    const b = await buildProblem(t, { owner: "450100", lead: "450103", stage: "tasked" });
    expect((await rowOf("tasks", a.taskId)).light).toBe("green");
    const bBefore = [await rowOf("tasks", b.taskId), await rowOf("problems", b.id)];

    t.clock.set("2026-12-14T02:00:00.000Z");
    const clerk = await t.build.user({ roles: [["unit_staff", "450102"]] });
    await submitProgressReport(await t.ctxFor(clerk), { taskId: a.taskId, percent: 10, text: "刚开始排查" });

    const task = await rowOf("tasks", a.taskId);
    // 11 of 15 working days gone (73 %), 10 % done: more than 30 points behind.
    expect(task).toMatchObject({ light: "red", plannedProgress: 73, warnedOn: "2026-12-14" });
    expect(JSON.parse(task.lightReasonsJson as string).map((r: { code: string }) => r.code)).toContain(
      "far_behind",
    );
    const problem = await rowOf("problems", a.id);
    expect(problem).toMatchObject({ light: "red", plannedProgress: 46 });
    expect([await rowOf("tasks", b.taskId), await rowOf("problems", b.id)]).toEqual(bBefore);

    const h = await history();
    expect(h.map((x) => x.entityId).sort()).toEqual([a.id, a.taskId].sort());
    expect(h.every((x) => x.fromLight === "green" && x.toLight === "red")).toBe(true);
    const events = await lightEvents();
    expect(events.map((e) => e.entityId).sort()).toEqual([a.id, a.taskId].sort());
    const taskEvent = events.find((e) => e.entityId === a.taskId);
    expect(taskEvent?.entityType).toBe("task");
    expect(JSON.parse(taskEvent?.dataJson as string)).toMatchObject({
      from: "green",
      to: "red",
      orgId: t.org("450102").id,
      problemId: a.id,
    });
  });

  it("turns a closed item green", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "task_done" });
    t.clock.set("2027-01-05T02:00:00.000Z");
    await lightsJob.run(t.sys);
    expect((await rowOf("problems", p.id)).light).toBe("red");
    const { requestCloseOut } = await import("../domain/problems/closeout.commands.ts");
    await requestCloseOut(t.sys, {
      problemId: p.id,
      summary: "整改完成",
      attachmentIds: [p.attachmentId as string],
    });
    expect(await rowOf("problems", p.id)).toMatchObject({
      light: "green",
      lightReasonsJson: null,
      warnedOn: null,
    });
  });
});

describe("the daily lights job", () => {
  it("turns an overdue task red without anyone touching it, and a second run changes nothing", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
    expect((await history()).length).toBe(0);

    t.clock.set("2026-12-21T02:00:00.000Z");
    const first = await lightsJob.run(t.sys);
    expect(first).toMatchObject({ problems: 1, tasks: 1, lightChanges: 2 });
    const task = await rowOf("tasks", p.taskId);
    expect(task.light).toBe("red");
    expect(JSON.parse(task.lightReasonsJson as string)[0]).toMatchObject({
      code: "overdue",
      zh: "已超过整改时限 1 天（1 个工作日）",
    });
    const h = await history();
    const events = await lightEvents();
    expect(h.length).toBe(2);
    expect(events.length).toBe(2);

    const second = await lightsJob.run(t.sys);
    expect(second).toMatchObject({ written: 0, lightChanges: 0 });
    expect((await history()).length).toBe(2);
    expect((await lightEvents()).length).toBe(2);
  });

  it("follows the days: yellow first as the deadline nears, then red", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
    const clerk = await t.build.user({ roles: [["unit_staff", "450102"]] });
    const ctx = await t.ctxFor(clerk);
    t.clock.set("2026-12-15T02:00:00.000Z");
    // 12 of 15 working days gone (80 %), reported 75 %: on plan, but 3 days left.
    await submitProgressReport(ctx, { taskId: p.taskId, percent: 75, text: "按计划推进" });
    expect((await rowOf("tasks", p.taskId)).light).toBe("yellow");
    t.clock.set("2026-12-17T02:00:00.000Z");
    await lightsJob.run(t.sys);
    expect((await rowOf("tasks", p.taskId)).light).toBe("orange");
    t.clock.set("2026-12-21T02:00:00.000Z");
    await lightsJob.run(t.sys);
    expect((await rowOf("tasks", p.taskId)).light).toBe("red");
    expect((await history()).filter((x) => x.entityId === p.taskId).map((x) => x.toLight)).toEqual([
      "yellow",
      "orange",
      "red",
    ]);
  });
});
