import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../domain/audit/audit.verify.ts";
import { createWebhook } from "../domain/notifications/webhook.commands.ts";
import { respondToNotice } from "../domain/supervision/notice.commands.ts";
import { deliverDueNotifications } from "../notifications/delivery.ts";
import { localRobots } from "../test/local-robots.ts";
import { buildProblem } from "../test/problems.ts";
import { type TestDb, testDb } from "../test/support.ts";
import { lightsJob } from "./lights.job.ts";
import { warningsJob } from "./warnings.job.ts";

/** A local group-robot endpoint recording what it receives. */
async function robotReceiver() {
  const received: { url: string; body: { msgtype: string; markdown?: { title: string; text: string } } }[] =
    [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      received.push({ url: req.url ?? "", body: JSON.parse(raw) });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    url: "https://oapi.dingtalk.com/robot/send?access_token=t0k3n",
    received,
    close: () => server.close(),
  };
}

let t: TestDb;
let robot: Awaited<ReturnType<typeof robotReceiver>>;
beforeEach(async () => {
  t = await testDb();
  robot = await robotReceiver();
});
afterEach(async () => {
  robot.close();
  await t.close();
});

describe("a deadline that passes, end to end", () => {
  it("turns red untouched, gets one numbered red 督办单, reaches the unit lead's inbox and robot, and records the answer", async () => {
    const lead = await t.build.user({ roles: [["unit_lead", "450102"]] });
    await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "兴宁区整改群",
      url: robot.url,
      secret: "SECtest",
    });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "tasked" });

    // nobody touches it; the clock passes the deadline (2026-12-31) and the jobs run
    t.clock.set("2027-01-05T02:00:00.000Z");
    await lightsJob.run(t.sys);
    const lit = await t.database.db
      .selectFrom("problems")
      .select(["light", "lightReasonsJson"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(lit.light).toBe("red");
    expect(lit.lightReasonsJson).toContain("overdue");

    await warningsJob.run(t.sys);
    await warningsJob.run(t.sys); // a second run issues nothing more
    const notices = await t.database.db
      .selectFrom("supervisionNotices")
      .selectAll()
      .where("problemId", "=", p.id)
      .execute();
    expect(notices.map((n) => [n.level, n.status])).toEqual([["red", "open"]]);
    const docNumber = notices[0].docNumber;
    expect(docNumber).toMatch(/^督办〔2027〕\d+号$/);

    // the unit lead's inbox holds the notice, once
    const inbox = await t.database.db
      .selectFrom("notifications")
      .select(["eventType", "titleZh", "link"])
      .where("userId", "=", lead.id)
      .where("eventType", "=", "notice.issued")
      .execute();
    expect(inbox).toEqual([
      { eventType: "notice.issued", titleZh: `督办单：${docNumber}`, link: `/problems/${p.id}` },
    ]);
    const lightNews = await t.database.db
      .selectFrom("notifications")
      .select("titleZh")
      .where("userId", "=", lead.id)
      .where("eventType", "=", "light.changed")
      .execute();
    expect(lightNews.map((n) => n.titleZh)).toContain(`预警：${p.code} 亮红灯`);

    // and the unit's DingTalk group hears of it through the outbox
    await deliverDueNotifications(t.sys, localRobots(robot.base));
    const texts = robot.received.map((r) => r.body.markdown?.text ?? "");
    expect(texts.filter((x) => x.includes(docNumber))).toHaveLength(1);
    expect(robot.received.every((r) => /[?&]timestamp=\d+&sign=/.test(r.url))).toBe(true);

    // the unit answers in writing; the answer is on the notice and in the audit trail
    await respondToNotice(await t.ctxFor(lead), {
      noticeId: notices[0].id,
      text: "已制定整改方案，月底前完成。",
    });
    const answered = await t.database.db
      .selectFrom("supervisionNotices")
      .selectAll()
      .where("id", "=", notices[0].id)
      .executeTakeFirstOrThrow();
    expect(answered.status).toBe("responded");
    expect(answered.responseText).toBe("已制定整改方案，月底前完成。");
    const events = await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("entityId", "=", p.id)
      .where("type", "in", ["notice.issued", "notice.responded"])
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual(["notice.issued", "notice.responded"]);
    expect((await verifyAuditChain(t.sys)).ok).toBe(true);
  });
});
