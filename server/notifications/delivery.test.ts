import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../config.ts";
import { claimDueRows, retryDelayMs } from "../domain/notifications/outbox.ts";
import { createWebhook } from "../domain/notifications/webhook.commands.ts";
import { localRobots } from "../test/local-robots.ts";
import { buildProblem } from "../test/problems.ts";
import { engineName, type TestDb, testDb } from "../test/support.ts";
import { deliverDueNotifications } from "./delivery.ts";
import { dingTalkSignedUrl } from "./robot.channel.ts";

let t: TestDb;
let open = false;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  if (open) await t.close();
  open = false;
});

interface Received {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A local robot endpoint; `answer` decides the reply to each request. */
async function receiver(
  answer: (r: Received, n: number) => { status: number; body: unknown; headers?: Record<string, string> },
) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => {
      raw += d;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const r = { path: url.pathname, query: url.searchParams, headers: req.headers, body: JSON.parse(raw) };
      got.push(r);
      const a = answer(r, got.length);
      res
        .writeHead(a.status, { "content-type": "application/json", ...a.headers })
        .end(typeof a.body === "string" ? a.body : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { got, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const OK = { status: 200, body: { errcode: 0, errmsg: "ok" } };

async function setup(overrides: Partial<Config> = {}) {
  t = await testDb(overrides);
  open = true;
}

const outbox = () => t.database.db.selectFrom("notificationOutbox").selectAll().orderBy("channel").execute();

describe(`notification delivery (${engineName})`, () => {
  it("sends e-mail over SMTP with the recipient, subject, body and a Message-ID from the idempotency key", async () => {
    const mails: { from: string; to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, cb) {
        let raw = "";
        stream.on("data", (d) => {
          raw += d;
        });
        stream.on("end", () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as AddressInfo).port;
    await setup({
      smtp: {
        url: null,
        host: "127.0.0.1",
        port,
        secure: false,
        user: null,
        pass: null,
        from: "整改通 <notify@rectify.example.cn>",
      },
    });
    const lead = await t.build.user({ roles: [["unit_lead", "450102"]] });
    await t.database.db
      .updateTable("users")
      .set({ email: "lead@xn.example.cn" })
      .where("id", "=", lead.id)
      .execute();
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    const [row] = await outbox();
    expect(row.channel).toBe("email");

    const r = await deliverDueNotifications(t.sys);
    expect(r).toEqual({ claimed: 1, sent: 1, retry: 0, dead: 0 });
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.from).toBe("notify@rectify.example.cn");
    expect(mail.to).toEqual(["lead@xn.example.cn"]);
    const unfolded = mail.raw.replace(/\r\n[ \t]/g, " ");
    expect(unfolded).toContain(`Message-ID: <${row.idempotencyKey}@rectify.example.cn>`);
    expect(unfolded).toContain(`X-Rectify-Idempotency-Key: ${row.idempotencyKey}`);
    // the subject is encoded; decode the MIME words
    const subject = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? "";
    const decoded = subject.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeURIComponent(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1")),
    );
    expect(decoded).toBe(`新交办问题：${p.code}`);
    const body = mail.raw.split("\r\n\r\n").slice(1).join("\r\n\r\n");
    const text = /base64/i.test(mail.raw.split("\r\n\r\n")[0])
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, "%$1");
    const plain = text.includes("%") ? decodeURIComponent(text) : text;
    expect(plain).toContain("已交办本单位牵头整改");
    expect(plain).toContain(`/problems/${p.id}`);
    expect((await outbox())[0]).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    // nothing due any more
    expect((await deliverDueNotifications(t.sys)).claimed).toBe(0);
  });

  it("posts DingTalk markdown to a signed URL and WeCom markdown, each with the idempotency key", async () => {
    const rx = await receiver(() => OK);
    await setup();
    const ding = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "钉钉群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=tok123",
      secret: "SECsecret",
    });
    const wecom = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "wecom",
      name: "企业微信群",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wk",
    });
    const p = await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    const rows = await outbox();
    expect(rows.map((r) => [r.channel, r.target])).toEqual([
      ["dingtalk", ding.id],
      ["wecom", wecom.id],
    ]);
    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toEqual({
      claimed: 2,
      sent: 2,
      retry: 0,
      dead: 0,
    });
    expect(rx.got).toHaveLength(2);

    const d = rx.got.find((g) => g.path === "/robot/send")!;
    expect(d.query.get("access_token")).toBe("tok123");
    const ts = d.query.get("timestamp")!;
    expect(Number(ts)).toBe(t.clock.now().getTime());
    const expected = createHmac("sha256", "SECsecret").update(`${ts}\nSECsecret`).digest("base64");
    expect(d.query.get("sign")).toBe(expected);
    expect(d.body.msgtype).toBe("markdown");
    const md = d.body.markdown as { title: string; text: string };
    expect(md.title).toBe(`新交办问题：${p.code}`);
    expect(md.text).toContain("已交办本单位");
    expect(md.text).toContain(`(${t.config.publicUrl}/problems/${p.id})`);
    const dingKey = rows.find((r) => r.channel === "dingtalk")!.idempotencyKey;
    expect(d.headers["x-rectify-idempotency-key"]).toBe(dingKey);
    expect(md.text).toContain(dingKey);

    const w = rx.got.find((g) => g.path === "/cgi-bin/webhook/send")!;
    expect(w.query.get("key")).toBe("wk");
    expect(w.query.has("sign")).toBe(false);
    expect(w.body.msgtype).toBe("markdown");
    const content = (w.body.markdown as { content: string }).content;
    expect(content).toContain(p.code);
    const wecomKey = rows.find((r) => r.channel === "wecom")!.idempotencyKey;
    expect(w.headers["x-rectify-idempotency-key"]).toBe(wecomKey);
    expect(content).toContain(wecomKey);
    expect((await outbox()).every((r) => r.state === "sent")).toBe(true);
  });

  it("builds the DingTalk signature the documented way", () => {
    const url = dingTalkSignedUrl(
      "https://oapi.dingtalk.com/robot/send?access_token=a",
      "SECx",
      1700000000000,
    );
    const u = new URL(url);
    const sign = createHmac("sha256", "SECx").update("1700000000000\nSECx").digest("base64");
    expect(u.searchParams.get("sign")).toBe(sign);
    expect(url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(u.searchParams.get("access_token")).toBe("a");
  });

  it("retries a failing robot with exponential backoff, then gives up and audits the dead message", async () => {
    const rx = await receiver((_r, n) =>
      n % 2 === 1
        ? { status: 502, body: { error: "bad gateway" } }
        : { status: 200, body: { errcode: 310000, errmsg: "sign not match" } },
    );
    await setup({
      notify: {
        maxAttempts: 3,
        backoffBaseMs: 1000,
        backoffMaxMs: 1_500,
        claimTimeoutMs: 60_000,
        batchSize: 10,
        sendTimeoutMs: 2000,
      },
    });
    await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=x",
    });
    await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });

    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toMatchObject({
      claimed: 1,
      retry: 1,
    });
    let [row] = await outbox();
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row.lastError).toContain("HTTP 502");
    expect(new Date(row.nextAttemptAt).getTime() - t.clock.now().getTime()).toBe(1000);
    // not yet due
    expect((await deliverDueNotifications(t.sys, localRobots(rx.base))).claimed).toBe(0);
    t.clock.advance(1000);
    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toMatchObject({
      claimed: 1,
      retry: 1,
    });
    [row] = await outbox();
    expect(row.lastError).toContain("310000");
    expect(new Date(row.nextAttemptAt).getTime() - t.clock.now().getTime()).toBe(1500);
    t.clock.advance(1500);
    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toMatchObject({ claimed: 1, dead: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ state: "dead", attempts: 3 });
    t.clock.advance(3_600_000);
    expect((await deliverDueNotifications(t.sys, localRobots(rx.base))).claimed).toBe(0);
    expect(rx.got).toHaveLength(3);
    const audited = await t.database.db
      .selectFrom("auditEvents")
      .select(["dataJson", "entityId"])
      .where("type", "=", "notification.delivery_failed")
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0].entityId).toBe(row.id);
    expect(JSON.parse(audited[0].dataJson)).toMatchObject({ channel: "dingtalk", attempts: 3 });
  });

  it("gives a message for a paused robot up at once", async () => {
    const rx = await receiver(() => OK);
    await setup();
    const hook = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "wecom",
      name: "群",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    });
    await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    await t.database.db.updateTable("orgWebhooks").set({ active: 0 }).where("id", "=", hook.id).execute();
    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toMatchObject({ claimed: 1, dead: 1 });
    expect(rx.got).toHaveLength(0);
  });

  it("claims each due row once, and again only after its claim expired", async () => {
    await setup();
    for (const code of ["450102", "450103", "450105"]) {
      await createWebhook(t.sys, {
        orgId: t.org(code).id,
        kind: "wecom",
        name: code,
        url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
      });
      await buildProblem(t, { owner: "450100", lead: code, stage: "assigned" });
    }
    const opts = { limit: 2, leaseMs: 10_000, maxAttempts: 5 };
    const [a, b, c] = await Promise.all([
      claimDueRows(t.sys, { ...opts, token: "a" }),
      claimDueRows(t.sys, { ...opts, token: "b" }),
      claimDueRows(t.sys, { ...opts, token: "c" }),
    ]);
    const ids = [...a, ...b, ...c].map((r) => r.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect((await claimDueRows(t.sys, { ...opts, token: "d" })).length).toBe(0);
    t.clock.advance(10_000);
    const again = await claimDueRows(t.sys, { ...opts, limit: 10, token: "e" });
    expect(again.map((r) => r.attempts)).toEqual([2, 2, 2]);
  });
});

describe(`robot delivery against server-side request forgery (${engineName})`, () => {
  const hookRow = async (url: string) => {
    const hook = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=x",
    });
    // a row pointing elsewhere, as one written before addresses were checked would
    if (url) await t.database.db.updateTable("orgWebhooks").set({ url }).where("id", "=", hook.id).execute();
    return hook;
  };
  const audited = async () =>
    (
      await t.database.db
        .selectFrom("auditEvents")
        .select("dataJson")
        .where("type", "=", "notification.delivery_failed")
        .execute()
    ).map((r) => JSON.parse(r.dataJson) as { error: string });

  it("does not follow a redirect, and gives the message up", async () => {
    const inner = await receiver(() => OK);
    const rx = await receiver(() => ({
      status: 302,
      body: "",
      headers: { location: `${inner.base}/robot/send?access_token=x` },
    }));
    await setup();
    await hookRow("");
    await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    expect(await deliverDueNotifications(t.sys, localRobots(rx.base))).toMatchObject({ claimed: 1, dead: 1 });
    expect(rx.got).toHaveLength(1);
    expect(inner.got).toHaveLength(0);
    expect((await outbox())[0]).toMatchObject({ state: "dead", lastError: "redirect refused (HTTP 302)" });
  });

  it("keeps no text of a receiver's reply in the outbox or the audit trail, only its status or errcode", async () => {
    const rx = await receiver((_r, n) =>
      n === 1
        ? { status: 500, body: "SECRET-INTERNAL-PAGE root:x:0:0" }
        : n === 2
          ? { status: 200, body: "<html>SECRET-INTERNAL-PAGE</html>" }
          : { status: 200, body: { errcode: 310000, errmsg: "SECRET-INTERNAL-PAGE" } },
    );
    await setup({
      notify: {
        maxAttempts: 3,
        backoffBaseMs: 1,
        backoffMaxMs: 1,
        claimTimeoutMs: 60_000,
        batchSize: 10,
        sendTimeoutMs: 2000,
      },
    });
    await hookRow("");
    await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
    const errors: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      await deliverDueNotifications(t.sys, localRobots(rx.base));
      errors.push((await outbox())[0].lastError);
      t.clock.advance(1000);
    }
    expect(errors).toEqual(["HTTP 500", "not a robot answer", "robot refused: errcode 310000"]);
    expect(rx.got).toHaveLength(3);
    const events = await audited();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("SECRET");
    expect(events[0].error).toBe("robot refused: errcode 310000");
  });

  it("refuses at send time a stored address that is not the official host, without connecting", async () => {
    const rx = await receiver(() => OK);
    await setup();
    const port = new URL(rx.base).port;
    for (const url of [
      `http://127.0.0.1:${port}/robot/send?access_token=x`,
      `https://127.0.0.1:${port}/robot/send`,
      "https://169.254.169.254/latest/meta-data/",
      "https://oapi.dingtalk.com:8443/robot/send",
    ]) {
      await t.database.db.deleteFrom("notificationOutbox").execute();
      await t.database.db.deleteFrom("orgWebhooks").execute();
      await hookRow(url);
      await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned" });
      // even the local route sees the stored address first, and the product's senders go nowhere
      expect(await deliverDueNotifications(t.sys, localRobots(rx.base)), url).toMatchObject({ dead: 1 });
      expect((await outbox())[0].lastError, url).toBe("robot address not allowed");
    }
    expect(rx.got).toHaveLength(0);
  });
});

describe("retryDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30_000, 200_000))).toEqual([
      30_000, 60_000, 120_000, 200_000, 200_000,
    ]);
    expect(retryDelayMs(100, 1, 5)).toBe(5);
  });
});
