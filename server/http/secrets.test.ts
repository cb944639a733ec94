import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { totpAt } from "../domain/auth/totp.ts";
import { createWebhook } from "../domain/notifications/webhook.commands.ts";
import { sealWith } from "../domain/secrets/secret-box.ts";
import { currentSecretsKey } from "../domain/secrets/secret-keys.ts";
import { rotateSecretsKey, sealStoredSecrets } from "../domain/secrets/secrets.commands.ts";
import { localRobots } from "../test/local-robots.ts";
import { engineName, type TestApp, testApp } from "../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ requireMfa: true });
  await t.build.user({ username: "boss", roles: [["admin", "450000"]] });
});
afterEach(() => t.close());

/** Enrols `boss` in TOTP through the API; returns the secret the authenticator app got. */
async function enrolBoss(): Promise<string> {
  const first = await t.login("boss");
  const headers = { cookie: first.cookie, "x-csrf-token": first.csrf };
  const enrol = await t.app.inject({ method: "POST", url: "/api/v1/auth/mfa/enrol", headers });
  const secret = enrol.json().data.secret as string;
  const act = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/mfa/activate",
    headers,
    payload: { code: totpAt(secret, t.clock.now()) },
  });
  expect(act.statusCode).toBe(200);
  return secret;
}

/** Signs in as `boss` with a TOTP code; returns the status of the MFA step. */
async function totpLogin(secret: string): Promise<number> {
  const s = await t.login("boss");
  expect(s.body.data.mfaRequired).toBe(true);
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/mfa/verify",
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    payload: { code: totpAt(secret, t.clock.now()) },
  });
  return res.statusCode;
}

const rawUser = () =>
  t.database.db
    .selectFrom("users")
    .select(["id", "mfaSecret", "mfaPendingSecret"])
    .where("username", "=", "boss")
    .executeTakeFirstOrThrow();

const rawHook = (id: string) =>
  t.database.db.selectFrom("orgWebhooks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** A local stand-in for a DingTalk robot that records the query string of each post. */
async function robot() {
  const got: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    got.push(new URL(req.url ?? "/", "http://x").searchParams);
    req.resume();
    req.on("end", () => res.writeHead(200).end('{"errcode":0}'));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    got,
    // configured as the official host; the test's channels deliver to this receiver instead
    url: "https://oapi.dingtalk.com/robot/send?access_token=tok",
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends one DingTalk message through the robot and returns the signature check. */
async function signsWith(hookId: string, secret: string, rx: Awaited<ReturnType<typeof robot>>) {
  await localRobots(rx.base).dingtalk(t.sys, {
    target: hookId,
    payloadJson: JSON.stringify({ title: "t", text: "x", link: null }),
    idempotencyKey: `k-${rx.got.length}`,
  } as never);
  const q = rx.got.at(-1) as URLSearchParams;
  const ts = q.get("timestamp");
  return q.get("sign") === createHmac("sha256", secret).update(`${ts}\n${secret}`).digest("base64");
}

describe(`secrets at rest (${engineName})`, () => {
  it("stores TOTP secrets sealed, never in clear, and TOTP login still works", async () => {
    const secret = await enrolBoss();
    const row = await rawUser();
    expect(row.mfaSecret).toMatch(/^v1:[0-9a-f]{16}:/);
    expect(row.mfaSecret).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await totpLogin(secret)).toBe(200);
    const keyFile = t.config.secretsKeyFile;
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it("stores robot signing secrets sealed and still signs DingTalk messages with the clear one", async () => {
    const rx = await robot();
    try {
      const hook = await createWebhook(t.sys, {
        orgId: t.org("450102").id,
        kind: "dingtalk",
        name: "钉钉群",
        url: rx.url,
        secret: "SEC0123456789abcdef",
      });
      const raw = await rawHook(hook.id);
      expect(raw.secret).toMatch(/^v1:/);
      expect(JSON.stringify(raw)).not.toContain("SEC0123456789abcdef");
      expect(await signsWith(hook.id, "SEC0123456789abcdef", rx)).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it("does not open a sealed value copied into another row", async () => {
    const secret = await enrolBoss();
    await t.build.user({ username: "other", roles: [["admin", "450000"]] });
    const boss = await rawUser();
    await t.database.db
      .updateTable("users")
      .set({ mfaSecret: boss.mfaSecret, mfaEnabled: 1 })
      .where("username", "=", "other")
      .execute();
    const s = await t.login("other");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/mfa/verify",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      payload: { code: totpAt(secret, t.clock.now()) },
    });
    expect(res.json().code).toBe("invalid_mfa_code");
  });

  it("seals secrets left in clear at start-up, once, with an audit event", async () => {
    const secret = await enrolBoss();
    const hook = await createWebhook(t.sys, {
      orgId: t.org("450102").id,
      kind: "dingtalk",
      name: "钉钉群",
      url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
      secret: "SECclear",
    });
    // rows as an older release left them
    const boss = await rawUser();
    await t.database.db.updateTable("users").set({ mfaSecret: secret }).where("id", "=", boss.id).execute();
    await t.database.db
      .updateTable("orgWebhooks")
      .set({ secret: "SECclear" })
      .where("id", "=", hook.id)
      .execute();
    expect(await totpLogin(secret)).toBe(200);

    expect(await sealStoredSecrets(t.sys)).toEqual({ totpSecrets: 1, webhookSecrets: 1 });
    expect((await rawUser()).mfaSecret).toMatch(/^v1:/);
    expect((await rawHook(hook.id)).secret).toMatch(/^v1:/);
    expect(await totpLogin(secret)).toBe(200);
    const sealed = await t.database.db
      .selectFrom("auditEvents")
      .select("dataJson")
      .where("type", "=", "secrets.sealed")
      .execute();
    expect(sealed).toHaveLength(1);
    expect(JSON.parse(sealed[0].dataJson)).toMatchObject({ totpSecrets: 1, webhookSecrets: 1 });

    expect(await sealStoredSecrets(t.sys)).toEqual({ totpSecrets: 0, webhookSecrets: 0 });
    const again = await t.database.db
      .selectFrom("auditEvents")
      .select("seq")
      .where("type", "=", "secrets.sealed")
      .execute();
    expect(again).toHaveLength(1);
  });

  it("rotates the key: every secret re-sealed in one audited step, the old key kept as a backup", async () => {
    const rx = await robot();
    try {
      const secret = await enrolBoss();
      const hook = await createWebhook(t.sys, {
        orgId: t.org("450102").id,
        kind: "dingtalk",
        name: "钉钉群",
        url: rx.url,
        secret: "SECrotate",
      });
      const keyFile = t.config.secretsKeyFile;
      const oldKey = fs.readFileSync(keyFile, "utf8");
      const before = await rawUser();

      const r = await rotateSecretsKey(t.sys);
      expect(r).toMatchObject({ totpSecrets: 1, webhookSecrets: 1 });
      expect(r.newKeyId).not.toBe(r.oldKeyId);
      expect(fs.readFileSync(r.backupFile, "utf8")).toBe(oldKey);
      expect(path.dirname(r.backupFile)).toBe(path.dirname(keyFile));
      expect(fs.readFileSync(keyFile, "utf8")).not.toBe(oldKey);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(`${keyFile}.new`)).toBe(false);

      const after = await rawUser();
      expect(after.mfaSecret).not.toBe(before.mfaSecret);
      expect(after.mfaSecret?.split(":")[1]).toBe(r.newKeyId);
      expect((await rawHook(hook.id)).secret?.split(":")[1]).toBe(r.newKeyId);
      expect(await totpLogin(secret)).toBe(200);
      expect(await signsWith(hook.id, "SECrotate", rx)).toBe(true);

      const rotated = await t.database.db
        .selectFrom("auditEvents")
        .select("dataJson")
        .where("type", "=", "secrets.key_rotated")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(rotated.dataJson)).toMatchObject({ oldKeyId: r.oldKeyId, newKeyId: r.newKeyId });
      // nothing left under the old key for the start-up step to do
      expect(await sealStoredSecrets(t.sys)).toEqual({ totpSecrets: 0, webhookSecrets: 0 });
    } finally {
      await rx.close();
    }
  });

  it("rolls a failed rotation back whole: the rows and the key file stay as they were", async () => {
    const secret = await enrolBoss();
    const keyFile = t.config.secretsKeyFile;
    const oldKey = fs.readFileSync(keyFile, "utf8");
    // a value no key opens makes the re-sealing throw half-way
    await t.build.user({ username: "broken", roles: [["admin", "450000"]] });
    const foreign = sealWith({ id: "0123456789abcdef", key: Buffer.alloc(32, 7) }, "X", "user-mfa:x");
    await t.database.db
      .updateTable("users")
      .set({ mfaSecret: foreign })
      .where("username", "=", "broken")
      .execute();
    const before = await rawUser();
    await expect(rotateSecretsKey(t.sys)).rejects.toThrow();
    expect((await rawUser()).mfaSecret).toBe(before.mfaSecret);
    expect(fs.readFileSync(keyFile, "utf8")).toBe(oldKey);
    expect(fs.readdirSync(path.dirname(keyFile)).filter((f) => f.startsWith("secrets.key"))).toEqual([
      "secrets.key",
    ]);
    expect(currentSecretsKey(keyFile).id).toBe(before.mfaSecret?.split(":")[1]);
    expect(await totpLogin(secret)).toBe(200);
  });
});
