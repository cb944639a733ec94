import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../../contract/enums.ts";
import { buildProblem } from "../test/problems.ts";
import { engineName, type TestApp, testApp } from "../test/support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({
    smtp: {
      url: "smtp://127.0.0.1:1",
      host: null,
      port: 1,
      secure: false,
      user: null,
      pass: null,
      from: "r@x.cn",
    },
  });
});
afterAll(() => t.close());

type Row = { id: string; title: string; body: string; readAt: string | null; link: string | null };

describe(`the inbox (${engineName})`, () => {
  it("lists a user's own notifications, counts the unread, marks one and then all read", async () => {
    const lead = await t.build.user({ username: "inbox_lead", roles: [["unit_lead", "450102"]] });
    const other = await t.build.user({ username: "inbox_other", roles: [["unit_lead", "450102"]] });
    const a = await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned", title: "甲问题" });
    await buildProblem(t, { owner: "450100", lead: "450102", stage: "assigned", title: "乙问题" });
    const me = await t.as("inbox_lead");

    const count = await me("GET", "/api/v1/notifications/unread-count");
    expect(count.json()).toEqual({ data: { count: 2 } });
    const list = await me("GET", "/api/v1/notifications?limit=1");
    expect(list.statusCode).toBe(200);
    const page = list.json() as { data: Row[]; total: number; unread: number };
    expect(page.total).toBe(2);
    expect(page.unread).toBe(2);
    expect(page.data).toHaveLength(1);
    expect(page.data[0].title).toMatch(/^新交办问题：GX-/);

    const en = await me("GET", "/api/v1/notifications", undefined, "en");
    const enRows = (en.json() as { data: Row[] }).data;
    expect(enRows.map((r) => r.title).every((x) => x.startsWith("New item assigned"))).toBe(true);
    const first = enRows.find((r) => r.link === `/problems/${a.id}`)!;

    const read = await me("POST", `/api/v1/notifications/${first.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().data.readAt).toBe(t.clock.now().toISOString());
    expect((await me("GET", "/api/v1/notifications/unread-count")).json().data.count).toBe(1);
    const unread = (await me("GET", "/api/v1/notifications?unread=true")).json() as { data: Row[] };
    expect(unread.data.map((r) => r.id)).not.toContain(first.id);
    // marking again changes nothing and writes no second audit event
    await me("POST", `/api/v1/notifications/${first.id}/read`);
    const reads = await t.database.db
      .selectFrom("auditEvents")
      .select("id")
      .where("type", "=", "notification.read")
      .where("entityId", "=", first.id)
      .execute();
    expect(reads).toHaveLength(1);

    const all = await me("POST", "/api/v1/notifications/read-all");
    expect(all.json()).toEqual({ data: { count: 1 } });
    expect((await me("GET", "/api/v1/notifications/unread-count")).json().data.count).toBe(0);
    // the other user's inbox is untouched
    const theirs = await t.database.db
      .selectFrom("notifications")
      .select("readAt")
      .where("userId", "=", other.id)
      .execute();
    expect(theirs.length).toBe(2);
    expect(theirs.every((n) => n.readAt === null)).toBe(true);
    void lead;
  });

  it("answers 404 to anyone, whatever their role, who reads or marks another user's notification", async () => {
    const owner = await t.build.user({ username: "inbox_owner", roles: [["unit_lead", "450103"]] });
    await buildProblem(t, { owner: "450100", lead: "450103", stage: "assigned" });
    const theirs = await t.database.db
      .selectFrom("notifications")
      .selectAll()
      .where("userId", "=", owner.id)
      .executeTakeFirstOrThrow();
    for (const role of ROLES) {
      const name = `snoop_${role}`;
      await t.build.user({ username: name, roles: [[role, "450000"]] });
      const snoop = await t.as(name);
      const res = await snoop("POST", `/api/v1/notifications/${theirs.id}/read`);
      expect(res.statusCode, `${role}: ${res.body}`).toBe(404);
      expect(res.json().code).toBe("not_found");
      const list = (await snoop("GET", "/api/v1/notifications")).json() as { data: Row[] };
      expect(list.data.map((r) => r.id)).not.toContain(theirs.id);
      await snoop("POST", "/api/v1/notifications/read-all");
    }
    const after = await t.database.db
      .selectFrom("notifications")
      .select("readAt")
      .where("id", "=", theirs.id)
      .executeTakeFirstOrThrow();
    expect(after.readAt).toBeNull();
    const unknown = await (await t.as("inbox_owner"))(
      "POST",
      "/api/v1/notifications/0190a0a0-0000-7000-8000-000000000000/read",
    );
    expect(unknown.statusCode).toBe(404);
  });

  it("keeps e-mail settings per user and refuses a malformed address field by field", async () => {
    await t.build.user({ username: "prefs_user", roles: [["unit_staff", "450102"]] });
    const me = await t.as("prefs_user");
    const initial = (await me("GET", "/api/v1/me/notification-settings")).json().data;
    expect(initial).toEqual({ email: null, emailEnabled: true, emailMutedKinds: [], emailAvailable: true });
    const bad = await me("PUT", "/api/v1/me/notification-settings", {
      email: "not-an-address",
      emailEnabled: true,
      emailMutedKinds: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain("email");
    const ok = await me("PUT", "/api/v1/me/notification-settings", {
      email: "clerk@xn.example.cn",
      emailEnabled: true,
      emailMutedKinds: ["task", "assignment", "task"],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data).toMatchObject({
      email: "clerk@xn.example.cn",
      emailMutedKinds: ["assignment", "task"],
    });
    const unknownKind = await me("PUT", "/api/v1/me/notification-settings", {
      email: null,
      emailEnabled: false,
      emailMutedKinds: ["gossip"],
    });
    expect(unknownKind.statusCode).toBe(400);
    expect((await me("GET", "/api/v1/me/notification-settings")).json().data.email).toBe(
      "clerk@xn.example.cn",
    );
  });
});

describe(`group-robot webhooks (${engineName})`, () => {
  it("lets an admin or coordinator configure robots in their subtree, masks the token and hides the secret", async () => {
    await t.build.user({ username: "hook_coord", roles: [["coordinator", "450100"]] });
    await t.build.user({ username: "hook_lead", roles: [["unit_lead", "450100"]] });
    const coord = await t.as("hook_coord");
    const created = await coord("POST", "/api/v1/webhooks", {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "兴宁区整改工作群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef",
      secret: "SEC0123456789",
    });
    expect(created.statusCode, created.body).toBe(200);
    const hook = created.json().data;
    expect(hook).toMatchObject({ kind: "dingtalk", hasSecret: true, active: true, orgName: "兴宁区" });
    expect(hook.url).toBe("https://oapi.dingtalk.com/robot/send?access_token=0123…cdef");
    expect(JSON.stringify(hook)).not.toContain("SEC0123456789");

    const bad = await coord("POST", "/api/v1/webhooks", {
      orgId: t.org("450102").id,
      kind: "wecom",
      name: "x",
      url: "javascript:alert(1)",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("webhook_url_invalid");
    const outside = await coord("POST", "/api/v1/webhooks", {
      orgId: t.org("450202").id,
      kind: "wecom",
      name: "柳州",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    });
    expect(outside.statusCode).toBe(404);

    const paused = await coord("PATCH", `/api/v1/webhooks/${hook.id}`, { active: false, secret: null });
    expect(paused.json().data).toMatchObject({ active: false, hasSecret: false });
    const list = await coord("GET", `/api/v1/webhooks?orgId=${t.org("450102").id}`);
    expect(list.json().data.map((h: { id: string }) => h.id)).toEqual([hook.id]);

    const lead = await t.as("hook_lead");
    expect((await lead("GET", "/api/v1/webhooks")).statusCode).toBe(403);
    expect((await lead("PATCH", `/api/v1/webhooks/${hook.id}`, { active: true })).statusCode).toBe(403);
  });

  it("refuses every robot address but the official host over https with a 400 problem, in zh-CN and en", async () => {
    await t.build.user({ username: "ssrf_coord", roles: [["coordinator", "450100"]] });
    const coord = await t.as("ssrf_coord");
    const bad = [
      "http://127.0.0.1:5432/",
      "https://127.0.0.1:5432/robot/send",
      "https://169.254.169.254/latest/meta-data/",
      "https://0x7f000001/robot/send",
      "https://2130706433/robot/send",
      "https://[::1]/robot/send",
      "https://10.0.0.8/cgi-bin/webhook/send?key=k",
      "https://localhost/robot/send",
      "http://oapi.dingtalk.com/robot/send?access_token=t",
      "https://oapi.dingtalk.com:8443/robot/send?access_token=t",
      "https://oapi.dingtalk.com.evil.example/robot/send",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", // WeCom's host for a DingTalk robot
    ];
    for (const url of bad) {
      const res = await coord("POST", "/api/v1/webhooks", {
        orgId: t.org("450102").id,
        kind: "dingtalk",
        name: "群",
        url,
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json(), url).toMatchObject({ code: "webhook_host_not_allowed", errors: [{ field: "url" }] });
      expect(res.json().detail).toContain("oapi.dingtalk.com");
    }
    const en = await coord(
      "POST",
      "/api/v1/webhooks",
      { orgId: t.org("450102").id, kind: "wecom", name: "g", url: "https://[::1]/x" },
      "en",
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().detail).toContain("official");

    const ok = await coord("POST", "/api/v1/webhooks", {
      orgId: t.org("450102").id,
      kind: "wecom",
      name: "企业微信群",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // re-pointing an existing robot is checked the same way
    const moved = await coord("PATCH", `/api/v1/webhooks/${ok.json().data.id}`, {
      url: "https://169.254.169.254/latest/meta-data/",
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().code).toBe("webhook_host_not_allowed");
    const urls = (await t.database.db.selectFrom("orgWebhooks").select("url").execute()).map((r) => r.url);
    expect(urls).toContain("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
    expect(urls.filter((u) => !/^https:\/\/(oapi\.dingtalk\.com|qyapi\.weixin\.qq\.com)\//.test(u))).toEqual(
      [],
    );
  });

  it("lets an admin give a user an e-mail address", async () => {
    await t.build.user({ username: "mail_admin", roles: [["admin", "450000"]] });
    const target = await t.build.user({ roles: [["unit_staff", "450102"]] });
    const admin = await t.as("mail_admin");
    const res = await admin("PATCH", `/api/v1/users/${target.id}`, { email: "xn@example.cn" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.email).toBe("xn@example.cn");
    const bad = await admin("PATCH", `/api/v1/users/${target.id}`, { email: "@@" });
    expect(bad.statusCode).toBe(400);
  });
});
