import { describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { testDb } from "../../test/support.ts";
import { getSupervisionBoard } from "../supervision/supervision.queries.ts";
import { listTasks } from "./ledger.views.ts";

const ACTIVE = ["assigned", "rectifying", "ongoing", "closeout_requested", "public_review"];

// The task list's total and the 督办 board's light counts are kept between requests (see
// keptValue); after every command that changes them they must equal a fresh count.
describe("kept totals", () => {
  it("keep the task total and the board's light counts exact as problems move on", async () => {
    const t = await testDb();
    try {
      const zgb = await t.build.user({ roles: [["coordinator", "450000"]] });
      const nanning = await t.build.user({ roles: [["unit_lead", "450100"]] });
      const tasksIn = async (status?: string) =>
        Number(
          (
            await t.sys.db
              .selectFrom("tasks")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .$if(status !== undefined, (q) => q.where("status", "=", status as string))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const lights = async () => {
        const rows = await t.sys.db
          .selectFrom("problems")
          .select(["light", (eb) => eb.fn.countAll<number>().as("n")])
          .where("status", "in", ACTIVE)
          .groupBy("light")
          .execute();
        const counts = { red: 0, orange: 0, yellow: 0, green: 0 };
        for (const r of rows) if (r.light in counts) counts[r.light as keyof typeof counts] = Number(r.n);
        return counts;
      };
      const check = async () => {
        for (const user of [zgb, nanning]) {
          const ctx = await t.ctxFor(user);
          // read twice: the second answer comes from what was kept
          for (let i = 0; i < 2; i++) {
            expect((await listTasks(ctx, {})).total).toBe(await tasksIn());
            expect((await listTasks(ctx, { taskStatus: ["pending"] })).total).toBe(await tasksIn("pending"));
            expect((await getSupervisionBoard(ctx)).counts).toEqual(await lights());
          }
        }
      };
      await check();
      await buildProblem(t, { owner: "450000", lead: "450100", stage: "assigned" });
      await check();
      await buildProblem(t, { owner: "450000", lead: "450100", stage: "tasked" });
      await check();
      await buildProblem(t, { owner: "450000", lead: "450102", stage: "task_done" });
      await check();
      await buildProblem(t, { owner: "450000", lead: "450100", stage: "closed" });
      await check();
      expect(await tasksIn()).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
