import { afterEach, describe, expect, it } from "vitest";
import type { AuditData, AuditEventType } from "../../../contract/audit-events.ts";
import { inTx } from "../../context.ts";
import { buildProblem } from "../../test/problems.ts";
import { engineName, type TestDb, testDb } from "../../test/support.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { reviewCloseOut } from "../problems/closeout.commands.ts";
import { assignProblem, registerProblem } from "../problems/problem.commands.ts";
import { issueBallotTokens } from "../problems/public-review.commands.ts";
import { updateMyNotificationSettings } from "./notification.commands.ts";
import {
  type EventFacts,
  fillTemplate,
  messageVars,
  NOTIFICATION_RULES,
  rulesFor,
} from "./notification.rules.ts";
import { createWebhook } from "./webhook.commands.ts";

let t: TestDb;
let open = false;
afterEach(async () => {
  if (open) await t.close();
  open = false;
});
const fresh = async (overrides: Parameters<typeof testDb>[0] = {}) => {
  t = await testDb(overrides);
  open = true;
};

const SMTP = {
  url: "smtp://127.0.0.1:2525",
  host: null,
  port: 2525,
  secure: false,
  user: null,
  pass: null,
  from: "整改通 <rectify@example.gov.cn>",
};

async function inboxOf(userId: string) {
  return t.database.db.selectFrom("notifications").selectAll().where("userId", "=", userId).execute();
}

/** Users at 兴宁区 (the lead unit), at 南宁市 above it, and at 柳州's 城中区 beside it. */
async function people() {
  const lead = await t.build.user({ roles: [["unit_lead", "450102"]] });
  const staff = await t.build.user({ roles: [["unit_staff", "450102"]] });
  const leader = await t.build.user({ roles: [["leader", "450102"]] });
  const cityLead = await t.build.user({ roles: [["unit_lead", "450100"]] });
  const liuzhou = await t.build.user({ roles: [["unit_lead", "450202"]] });
  const coordinator = await t.build.user({ roles: [["coordinator", "450100"]] });
  return { lead, staff, leader, cityLead, liuzhou, coordinator };
}

describe(`notification rules (${engineName})`, () => {
  it("an assignment notifies exactly the lead unit's people, not the city above nor 柳州", async () => {
    await fresh();
    const p = await people();
    const problem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    const coordinatorCtx = await t.ctxFor(p.coordinator);
    await assignProblem(coordinatorCtx, {
      problemId: problem.id,
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    const rows = await t.database.db
      .selectFrom("notifications")
      .selectAll()
      .where("eventType", "=", "problem.assigned")
      .execute();
    expect(rows.map((r) => r.userId).sort()).toEqual([p.lead.id, p.staff.id].sort());
    const mine = rows.find((r) => r.userId === p.lead.id)!;
    expect(mine.titleZh).toBe(`新交办问题：${problem.code}`);
    expect(mine.bodyZh).toContain("2026-12-31");
    expect(mine.titleEn).toBe(`New item assigned: ${problem.code}`);
    expect(mine.link).toBe(`/problems/${problem.id}`);
    expect(mine.readAt).toBeNull();
    expect(await inboxOf(p.liuzhou.id)).toEqual([]);
    expect(await inboxOf(p.cityLead.id)).toEqual([]);
    // no SMTP configured and no robots: nothing to deliver
    expect(await t.database.db.selectFrom("notificationOutbox").selectAll().execute()).toEqual([]);
  });

  it("does not notify the actor of their own action", async () => {
    await fresh();
    const both = await t.build.user({
      roles: [
        ["coordinator", "450100"],
        ["unit_lead", "450102"],
      ],
    });
    const problem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    await assignProblem(await t.ctxFor(both), {
      problemId: problem.id,
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    expect(await inboxOf(both.id)).toEqual([]);
  });

  it("queues one message per active robot of the lead unit and e-mail for people who want it", async () => {
    await fresh({ smtp: SMTP });
    const p = await people();
    await t.database.db
      .updateTable("users")
      .set({ email: "lead@xn.example.cn" })
      .where("id", "=", p.lead.id)
      .execute();
    await t.database.db
      .updateTable("users")
      .set({ email: "staff@xn.example.cn" })
      .where("id", "=", p.staff.id)
      .execute();
    await updateMyNotificationSettings(await t.ctxFor(p.staff), {
      email: "staff@xn.example.cn",
      emailEnabled: true,
      emailMutedKinds: ["assignment"],
    });
    const ding = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "兴宁区整改群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=abc123def456",
      secret: "SECxyz",
    });
    const paused = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "wecom",
      name: "停用的群",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    });
    await t.database.db.updateTable("orgWebhooks").set({ active: 0 }).where("id", "=", paused.id).execute();
    await createWebhook(t.sys, {
      orgId: t.org("450202").id,
      kind: "wecom",
      name: "柳州群",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=lz",
    });

    const problem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    const outbox = await t.database.db
      .selectFrom("notificationOutbox")
      .selectAll()
      .orderBy("channel")
      .execute();
    expect(outbox.map((o) => [o.channel, o.target])).toEqual([
      ["dingtalk", ding.id],
      ["email", p.lead.id],
    ]);
    const email = JSON.parse(outbox[1].payloadJson);
    expect(email).toMatchObject({ to: "lead@xn.example.cn", subject: `新交办问题：${problem.code}` });
    expect(email.link).toBe(`${t.config.publicUrl}/problems/${problem.id}`);
    for (const o of outbox) {
      expect(o.state).toBe("pending");
      expect(o.idempotencyKey).toMatch(/^rectify-[0-9a-f-]+-(dingtalk|email)-[0-9a-f-]+$/);
    }
    expect(new Set(outbox.map((o) => o.idempotencyKey)).size).toBe(2);
  });

  it("tells each task's unit when a measure is decomposed", async () => {
    await fresh();
    const p = await people();
    const xixiang = await t.build.user({ roles: [["unit_staff", "450107"]] });
    const problem = await buildProblem(t, { owner: "450100", lead: "450100", stage: "tasked" });
    const before = await inboxOf(p.lead.id);
    expect(before.filter((n) => n.eventType === "task.decomposed")).toEqual([]);
    const { decomposeMeasure } = await import("../tasks/measure.commands.ts");
    await decomposeMeasure(t.sys, {
      measureId: problem.measureId,
      tasks: [{ orgId: t.org("450102").id }, { orgId: t.org("450107").id }],
    });
    const decomposed = await t.database.db
      .selectFrom("notifications")
      .select("userId")
      .where("eventType", "=", "task.decomposed")
      .execute();
    // the fixture's own decomposition went to 南宁市 itself (its unit lead); ours to 兴宁区 and 西乡塘区
    expect(decomposed.map((n) => n.userId).sort()).toEqual(
      [p.cityLead.id, p.lead.id, p.staff.id, xixiang.id].sort(),
    );
  });

  it("sends the close-out decision to the lead unit and the start of public review to the owner's coordinators", async () => {
    await fresh();
    const p = await people();
    const rejected = await buildProblem(t, { owner: "450100", lead: "450102", stage: "closeout_requested" });
    await reviewCloseOut(t.sys, {
      problemId: rejected.id,
      decision: "reject",
      reason: "佐证材料不足",
      checklist: {
        factsClear: true,
        problemSolved: false,
        tasksDone: true,
        conclusionAccurate: true,
        compliant: true,
        formatCorrect: true,
      },
    });
    const back = (await inboxOf(p.lead.id)).find((n) => n.eventType === "problem.review_rejected")!;
    expect(back.bodyZh).toContain("佐证材料不足");
    expect((await inboxOf(p.coordinator.id)).filter((n) => n.entityId === rejected.id)).toEqual([]);

    const approved = await buildProblem(t, { owner: "450100", lead: "450102", stage: "public_review" });
    const started = (await inboxOf(p.coordinator.id)).filter((n) => n.entityId === approved.id);
    expect(started.map((n) => [n.eventType, n.kind])).toEqual([["problem.review_approved", "public_review"]]);
    const leadGot = (await inboxOf(p.lead.id)).filter((n) => n.entityId === approved.id);
    expect(leadGot.map((n) => n.eventType)).toContain("problem.review_approved");

    await issueBallotTokens(t.sys, { problemId: approved.id, count: 3 });
    const ballots = (await inboxOf(p.coordinator.id)).find((n) => n.eventType === "ballot.tokens_issued")!;
    expect(ballots.bodyZh).toContain("3 张");
    expect(ballots.bodyEn).toContain("3 public-review ballots");
  });

  it("writes nothing when the command's transaction rolls back", async () => {
    await fresh();
    const p = await people();
    const problem = await buildProblem(t, { owner: "450100", lead: "450102", stage: "registered" });
    await expect(
      inTx(t.sys, async (ctx) => {
        await assignProblem(ctx, {
          problemId: problem.id,
          leadOrgId: t.org("450102").id,
          deadline: "2026-12-31",
        });
        expect((await ctx.db.selectFrom("notifications").selectAll().execute()).length).toBe(2);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await inboxOf(p.lead.id)).toEqual([]);
  });

  it("costs nothing for events without a rule", async () => {
    await fresh();
    await people();
    await inTx(t.sys, (ctx) =>
      recordAudit(ctx, {
        type: "campaign.created",
        entityType: "campaign",
        entityId: "c1",
        scopePath: "/",
        // A payload naming a unit, to show that a type without rules notifies no one whatever it carries.
        data: { leadOrgId: t.org("450102").id } as unknown as AuditData<"campaign.created">,
      }),
    );
    expect(await t.database.db.selectFrom("notifications").selectAll().execute()).toEqual([]);
    // a freshly registered problem has no lead yet and no rule either
    const campaign = await t.build.campaign({ owner: "450100" });
    await registerProblem(t.sys, {
      campaignId: campaign.id,
      sourceType: "research",
      title: "t",
      description: "d",
      rectifyType: "immediate",
      target: "x",
      acceptanceStandard: "y",
    });
    expect(await t.database.db.selectFrom("notifications").selectAll().execute()).toEqual([]);
  });
});

describe("the rule table", () => {
  const facts = (type: AuditEventType, data: Record<string, unknown>): EventFacts => ({
    event: {
      id: "e",
      type,
      entityType: "problem",
      entityId: "p",
      scopePath: "/",
      actorId: null,
      data: data as AuditData<AuditEventType>,
    },
    problem: {
      id: "p",
      code: "GX-2026-0001",
      title: "场所闲置",
      leadOrgId: "L",
      ownerOrgId: "O",
      deadline: "2026-06-30",
    },
  });

  it("picks the approval rule by where the item went", () => {
    expect(rulesFor(facts("problem.review_approved", { to: "closed" })).map((r) => r.kind)).toEqual([
      "closeout",
    ]);
    expect(rulesFor(facts("problem.review_approved", { to: "public_review" })).map((r) => r.kind)).toEqual([
      "public_review",
    ]);
    expect(rulesFor(facts("problem.acknowledged", {}))).toEqual([]);
  });

  it("fills placeholders from the problem and the event, leaving unknown ones visible", () => {
    const vars = messageVars(facts("problem.review_rejected", { reason: "材料不全", nested: { a: 1 } }));
    expect(fillTemplate("{code}「{title}」{reason}{deadline}{nested}", vars)).toBe(
      "GX-2026-0001「场所闲置」材料不全2026-06-30{nested}",
    );
  });

  it("has messages in both languages for every rule", () => {
    for (const rules of Object.values(NOTIFICATION_RULES)) {
      for (const r of rules ?? []) {
        for (const text of [r.title, r.body]) {
          expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(text.en).toMatch(/^[\x20-\x7e“”]+$/);
        }
        expect(r.to.length).toBeGreaterThan(0);
      }
    }
  });
});
