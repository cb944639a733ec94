import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../domain/audit/audit.verify.ts";
import { decideProposal } from "../domain/supervision/proposal.commands.ts";
import { runWarnings } from "../domain/supervision/warnings.commands.ts";
import { submitProgressReport } from "../domain/tasks/task.commands.ts";
import { buildProblem } from "../test/problems.ts";
import { type TestDb, testDb } from "../test/support.ts";
import { warningsJob } from "./warnings.job.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

/** Sets a light as the lights module would have, `since` being when it turned (ISO). */
async function light(
  table: "problems" | "tasks",
  id: string,
  value: "green" | "yellow" | "orange" | "red",
  since = "2026-11-27T01:00:00.000Z",
) {
  await t.database.db
    .updateTable(table)
    .set({
      light: value,
      lightChangedAt: since,
      lightReasonsJson: JSON.stringify([{ code: "overdue", zh: "已超过整改时限", en: "Past the deadline" }]),
    })
    .where("id", "=", id)
    .execute();
}

const rows = async (problemId: string) => ({
  urgings: await t.database.db
    .selectFrom("urgings")
    .select(["kind", "method", "rule", "taskId"])
    .where("problemId", "=", problemId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute(),
  notices: await t.database.db
    .selectFrom("supervisionNotices")
    .select(["level", "docNumber", "issuerOrgId", "addresseeOrgId", "status"])
    .where("problemId", "=", problemId)
    .execute(),
  proposals: await t.database.db
    .selectFrom("escalationProposals")
    .select(["id", "kind", "status"])
    .where("problemId", "=", problemId)
    .orderBy("kind")
    .execute(),
});

describe("the warnings job", () => {
  it("issues one numbered red notice for a red item, and nothing more on a second run", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    await light("problems", p.id, "red");
    const first = await warningsJob.run(t.sys);
    expect(first).toMatchObject({ notices: 1 });
    const second = await runWarnings(t.sys);
    expect(second).toEqual({ reminders: 0, urgings: 0, notices: 0, proposals: 0, skipped: 0 });
    const { notices } = await rows(p.id);
    expect(notices).toEqual([
      {
        level: "red",
        docNumber: "督办〔2026〕1号",
        issuerOrgId: t.org("450100").id,
        addresseeOrgId: t.org("450102").id,
        status: "open",
      },
    ]);
    expect(warningsJob.name).toBe("warnings");
    expect((await verifyAuditChain(t.sys)).ok).toBe(true);
  });

  it("reminds on yellow, urges once unanswered for 3 working days, and urges orange at once", async () => {
    const yellow = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    const orange = await buildProblem(t, { owner: "450100", lead: "450103", stage: "rectifying" });
    const green = await buildProblem(t, { owner: "450100", lead: "450105", stage: "rectifying" });
    // yellow since Wednesday 2026-11-25 (Shanghai); today is Saturday 2026-11-28: 2 working days
    await light("problems", yellow.id, "yellow", "2026-11-25T01:00:00.000Z");
    await light("problems", orange.id, "orange");
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 1, urgings: 1 });
    expect((await rows(yellow.id)).urgings).toEqual([
      { kind: "reminder", method: "system", rule: "yellow", taskId: null },
    ]);
    expect((await rows(orange.id)).urgings).toEqual([
      { kind: "urging", method: "system", rule: "orange", taskId: null },
    ]);
    expect((await rows(green.id)).urgings).toEqual([]);
    // Monday: 3 working days without a report
    t.clock.set("2026-11-30T02:00:00.000Z");
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 0, urgings: 1 });
    expect((await rows(yellow.id)).urgings.map((u) => u.rule)).toEqual(["yellow", "yellow_unanswered"]);
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 0, urgings: 0 });
  });

  it("does not urge a yellow item whose unit reported since the light turned", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
    const clerk = await t.build.user({ roles: [["unit_staff", "450102"]] });
    await submitProgressReport(await t.ctxFor(clerk), { taskId: p.taskId, percent: 40, text: "推进中" });
    // set after the report, since a report recomputes the light: yellow since before the report
    await light("problems", p.id, "yellow", "2026-11-25T01:00:00.000Z");
    t.clock.set("2026-12-02T02:00:00.000Z");
    await runWarnings(t.sys);
    expect((await rows(p.id)).urgings.filter((u) => u.taskId === null).map((u) => u.rule)).toEqual([
      "yellow",
    ]);
  });

  it("reminds a unit that has not signed for its task within a working day", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 0 });
    t.clock.set("2026-11-30T02:00:00.000Z");
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 1 });
    expect(await runWarnings(t.sys)).toMatchObject({ reminders: 0 });
    expect((await rows(p.id)).urgings).toEqual([
      { kind: "reminder", method: "system", rule: "task_unacknowledged", taskId: p.taskId },
    ]);
  });

  it("proposes listing and an interview for an item red too long; accepting the listing lists it", async () => {
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "rectifying" });
    // red since Monday 2026-11-16: 9 working days by Saturday, 10 by Monday
    await light("problems", p.id, "red", "2026-11-16T01:00:00.000Z");
    expect(await runWarnings(t.sys)).toMatchObject({ notices: 1, proposals: 0 });
    t.clock.set("2026-11-30T02:00:00.000Z");
    expect(await runWarnings(t.sys)).toMatchObject({ notices: 0, proposals: 2 });
    expect(await runWarnings(t.sys)).toMatchObject({ proposals: 0 });
    const { proposals } = await rows(p.id);
    expect(proposals.map((x) => `${x.kind}:${x.status}`)).toEqual(["interview:pending", "listing:pending"]);
    const coordinator = await t.ctxFor(await t.build.user({ roles: [["coordinator", "450100"]] }));
    const supervisor = await t.ctxFor(await t.build.user({ roles: [["supervisor", "450100"]] }));
    const listing = proposals.find((x) => x.kind === "listing")!;
    await expect(decideProposal(supervisor, { proposalId: listing.id, accept: true })).rejects.toMatchObject({
      code: "forbidden",
    });
    const decided = await decideProposal(coordinator, {
      proposalId: listing.id,
      accept: true,
      note: "同意挂牌",
    });
    expect(decided.status).toBe("accepted");
    await expect(
      decideProposal(coordinator, { proposalId: listing.id, accept: false }),
    ).rejects.toMatchObject({
      code: "proposal_decided",
    });
    const listed = await t.database.db.selectFrom("listings").select(["status", "reason"]).execute();
    expect(listed).toEqual([{ status: "listed", reason: "同意挂牌" }]);
  });

  it("leaves closed and unassigned items alone", async () => {
    const closed = await buildProblem(t, { owner: "450100", lead: "450102", stage: "closed" });
    const registered = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    await light("problems", closed.id, "red");
    await light("problems", registered.id, "red");
    expect(await runWarnings(t.sys)).toEqual({
      reminders: 0,
      urgings: 0,
      notices: 0,
      proposals: 0,
      skipped: 0,
    });
  });
});
