import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  await t.build.user({ username: "nanning", roles: [["unit_lead", "450100"]] });
});
afterAll(() => t.close());

const count = async (table: "measures" | "tasks", problemId: string) =>
  (await t.database.db.selectFrom(table).select("id").where("problemId", "=", problemId).execute()).length;

describe("child deadlines lie inside their parent's", () => {
  it("refuses a measure due after its problem, in zh-CN and en, and leaves nothing behind", async () => {
    // The problem is due 2026-12-31; its measure 2026-12-20.
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    const zgb = await t.as("zgb");
    const zh = await zgb("POST", `/api/v1/problems/${p.id}/measures`, {
      title: "逐户走访",
      deadline: "2027-01-01",
    });
    expect(zh.statusCode, zh.body).toBe(400);
    expect(zh.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(zh.json()).toMatchObject({
      code: "deadline_after_parent",
      detail: "截止日期不能晚于上级的截止日期 2026-12-31",
      errors: [{ field: "deadline" }],
    });
    const en = await zgb(
      "POST",
      `/api/v1/problems/${p.id}/measures`,
      { title: "x", deadline: "2027-01-01" },
      "en",
    );
    expect(en.json().detail).toBe("The deadline cannot be later than the parent's deadline 2026-12-31");
    expect(await count("measures", p.id)).toBe(1);
    const same = await zgb("POST", `/api/v1/problems/${p.id}/measures`, {
      title: "同日",
      deadline: "2026-12-31",
    });
    expect(same.statusCode, same.body).toBe(200);
  });

  it("refuses a task due after its measure, and a sub-task due after its task", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
    const nanning = await t.as("nanning");
    const before = await count("tasks", p.id);
    const late = await nanning("POST", `/api/v1/measures/${p.measureId}/tasks`, {
      tasks: [
        { orgId: t.org("450102").id, deadline: "2026-12-20" },
        { orgId: t.org("450103").id, deadline: "2026-12-21" },
      ],
    });
    expect(late.statusCode, late.body).toBe(400);
    expect(late.json()).toMatchObject({
      code: "deadline_after_parent",
      detail: "截止日期不能晚于上级的截止日期 2026-12-20",
      errors: [{ field: "tasks/1/deadline" }],
    });
    expect(await count("tasks", p.id)).toBe(before);

    const ok = await nanning("POST", `/api/v1/measures/${p.measureId}/tasks`, {
      tasks: [{ orgId: t.org("450102").id, deadline: "2026-12-10" }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const task = ok
      .json()
      .data.measures[0].tasks.find((x: { deadline: string }) => x.deadline === "2026-12-10");
    const sub = await nanning("POST", `/api/v1/tasks/${p.taskId}/tasks`, {
      tasks: [{ orgId: t.org("450102").id, deadline: "2026-12-21" }],
    });
    expect(sub.statusCode, sub.body).toBe(400);
    expect(sub.json().code).toBe("deadline_after_parent");
    expect(task).toBeTruthy();
  });
});
