import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../test/support.ts";
import { verifyAuditChain } from "../audit/audit.verify.ts";
import { getGroupDetail, listGroups } from "../groups/group.queries.ts";
import { getBodyDetail, getPreviousDecisions, listBodies } from "../meetings/meeting.queries.ts";
import { getMyTodos } from "../problems/todos.queries.ts";
import { seedDemo } from "./demo.commands.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

describe("the demo's supervision group and joint meeting", () => {
  it("are loaded with the demo: 南宁 as contact point, one finding converted, decisions become a problem and a task", async () => {
    await seedDemo(t.sys);
    const userId = async (username: string) =>
      (
        await t.database.db
          .selectFrom("users")
          .select("id")
          .where("username", "=", username)
          .executeTakeFirstOrThrow()
      ).id;
    const ddz = await t.ctxFor({ id: await userId("ddz") });
    const [row] = await listGroups(ddz);
    expect(row.contactPoints.map((c) => c.name)).toEqual(["南宁市"]);
    const group = await getGroupDetail(ddz, row.id);
    expect(group).toMatchObject({ orgName: "自治区整改办", active: true });
    expect(group.figures).toMatchObject({ activities: 4, findings: 4, converted: 1 });

    const zgb = await t.ctxFor({ id: await userId("zgb") });
    const [bodyRow] = await listBodies(zgb);
    const body = await getBodyDetail(zgb, bodyRow.id);
    expect(body.sessions.map((s) => s.kind)).toEqual(["liaison", "plenary"]);
    const prev = await getPreviousDecisions(zgb, body.sessions[0].id);
    expect(prev.decisions.map((d) => d.outcome?.kind ?? null)).toEqual(["problem", "task", null]);

    const xingning = await t.ctxFor({ id: await userId("xingning") });
    const taskId = prev.decisions[1].outcome?.taskId;
    expect((await getMyTodos(xingning)).tasksToAcknowledge.map((x) => x.id)).toContain(taskId);
    expect((await verifyAuditChain(t.sys)).ok).toBe(true);
  });
});
