import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "nncoord", roles: [["coordinator", "450100"]] });
  await t.build.user({ username: "nnsup", roles: [["supervisor", "450100"]] });
  await t.build.user({ username: "xnlead", roles: [["unit_lead", "450102"]] });
  await t.build.user({ username: "xnclerk", roles: [["unit_staff", "450102"]] });
  await t.build.user({ username: "lzcoord", roles: [["coordinator", "450200"]] });
  await t.build.user({ username: "lzlead", roles: [["unit_lead", "450200"]] });
});
afterEach(() => t.close());

const tasked = () => buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });
const pending = async (username: string) =>
  (await (await t.as(username))("GET", "/api/v1/extensions")).json().data as { id: string }[];

describe("extension requests (延期申请)", () => {
  it("moves a task's deadline on approval and keeps the original one for assessment", async () => {
    const p = await tasked();
    const clerk = await t.as("xnclerk");
    const res = await clerk("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
      newDeadline: "2027-01-15",
      reason: "涉及村庄多，需延长排查时间",
    });
    expect(res.statusCode, res.body).toBe(200);
    const ext = res.json().data.extensions[0];
    expect(ext).toMatchObject({ status: "pending", oldDeadline: "2026-12-20", newDeadline: "2027-01-15" });
    expect(res.json().data.measures[0].tasks[0].abilities.requestExtension).toBe(false);

    const again = await clerk("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
      newDeadline: "2027-01-20",
      reason: "再次申请",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("extension_pending");

    expect(
      (await clerk("POST", `/api/v1/extensions/${ext.id}/decide`, { decision: "approve" })).statusCode,
    ).toBe(403);
    expect((await pending("nncoord")).map((e) => e.id)).toEqual([ext.id]);
    expect(await pending("xnclerk")).toEqual([]);

    const ok = await (await t.as("nncoord"))("POST", `/api/v1/extensions/${ext.id}/decide`, {
      decision: "approve",
      comment: "同意延期",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const node = ok.json().data.measures[0].tasks[0];
    expect(node).toMatchObject({ deadline: "2027-01-15", originalDeadline: "2026-12-20" });
    expect(ok.json().data.extensions[0]).toMatchObject({ status: "approved", comment: "同意延期" });
    const twice = await (await t.as("nncoord"))("POST", `/api/v1/extensions/${ext.id}/decide`, {
      decision: "refuse",
      comment: "不同意",
    });
    expect(twice.json().code).toBe("extension_decided");
    const types = (
      await t.database.db.selectFrom("auditEvents").select("type").where("entityId", "=", p.id).execute()
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["extension.requested", "extension.approved"]));
  });

  it("refuses a date that is not later, and any request after the deadline", async () => {
    const p = await tasked();
    const clerk = await t.as("xnclerk");
    const same = await clerk("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
      newDeadline: "2026-12-20",
      reason: "理由",
    });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ code: "extension_date_not_later" });
    expect(same.json().errors[0].field).toBe("newDeadline");
    const en = await clerk(
      "POST",
      `/api/v1/tasks/${p.taskId}/extensions`,
      { newDeadline: "2026-12-01", reason: "理由" },
      "en",
    );
    expect(en.json().detail).toBe("The new deadline must be later than the current one (2026-12-20)");

    t.clock.set("2026-12-21T02:00:00.000Z");
    const late = await (await t.as("xnclerk"))("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
      newDeadline: "2027-01-15",
      reason: "理由",
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe("extension_after_deadline");
    expect(await t.database.db.selectFrom("extensions").select("id").execute()).toEqual([]);
  });

  it("lets only the owning office decide a problem's request, and a refusal needs a comment", async () => {
    const p = await tasked();
    const res = await (await t.as("xnlead"))("POST", `/api/v1/problems/${p.id}/extensions`, {
      newDeadline: "2027-02-26",
      reason: "需协调市级部门",
    });
    expect(res.statusCode, res.body).toBe(200);
    const ext = res.json().data.extensions[0];
    expect(
      (await (await t.as("xnlead"))("POST", `/api/v1/extensions/${ext.id}/decide`, { decision: "approve" }))
        .statusCode,
    ).toBe(403);
    const noComment = await (await t.as("nnsup"))("POST", `/api/v1/extensions/${ext.id}/decide`, {
      decision: "refuse",
    });
    expect(noComment.json()).toMatchObject({ code: "reason_required" });
    const refused = await (await t.as("nnsup"))("POST", `/api/v1/extensions/${ext.id}/decide`, {
      decision: "refuse",
      comment: "时限不变，加快推进",
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().data).toMatchObject({ deadline: "2026-12-31", originalDeadline: "2026-12-31" });
    expect(refused.json().data.abilities.requestExtension).toBe(false);
    const lead = await (await t.as("xnlead"))("GET", `/api/v1/problems/${p.id}`);
    expect(lead.json().data.abilities.requestExtension).toBe(true);
  });

  it("keeps 柳州 away from 南宁's extensions", async () => {
    const p = await tasked();
    const res = await (await t.as("xnclerk"))("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
      newDeadline: "2027-01-15",
      reason: "理由",
    });
    const ext = res.json().data.extensions[0];
    for (const who of ["lzcoord", "lzlead"]) {
      const call = await t.as(who);
      expect(await pending(who)).toEqual([]);
      expect(
        (await call("POST", `/api/v1/extensions/${ext.id}/decide`, { decision: "approve" })).statusCode,
      ).toBe(404);
      expect(
        (
          await call("POST", `/api/v1/tasks/${p.taskId}/extensions`, {
            newDeadline: "2027-01-20",
            reason: "x",
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await call("POST", `/api/v1/problems/${p.id}/extensions`, {
            newDeadline: "2027-01-20",
            reason: "x",
          })
        ).statusCode,
      ).toBe(404);
    }
    const row = await t.database.db.selectFrom("extensions").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });
});
