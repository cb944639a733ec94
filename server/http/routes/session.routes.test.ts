import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { totpAt } from "../../domain/auth/totp.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "nn", roles: [["unit_lead", "450100"]] });
});
afterEach(() => t.close());

const loginBody = (password: string) => ({ username: "nn", password });
const auditTypes = async () =>
  (await t.database.db.selectFrom("auditEvents").select("type").orderBy("seq").execute()).map((r) => r.type);

describe("login", () => {
  it("opens a session with an HttpOnly SameSite=Lax cookie and returns a CSRF token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: loginBody("correct-horse-battery"),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "rectify_sid");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(res.json().data.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(res.json().data.me.roles[0]).toMatchObject({ role: "unit_lead", orgName: "南宁市" });
    expect(await auditTypes()).toContain("auth.login_succeeded");
  });

  it("refuses a wrong password in the caller's language and audits the failure", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: loginBody("wrong-password-123"),
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "invalid_credentials", detail: "Wrong username or password" });
    expect(await auditTypes()).toContain("auth.login_failed");
  });

  it("locks the account after repeated failures, even against the right password, until the lock ends", async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: loginBody(`wrong-password-${i}`),
      });
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: loginBody("correct-horse-battery"),
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe("account_locked");
    expect(locked.json().detail).toContain("锁定至 2026-11-28 10:");
    expect(await auditTypes()).toContain("auth.locked_out");
    t.clock.advance(16 * 60_000);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: loginBody("correct-horse-battery"),
    });
    expect(again.statusCode).toBe(200);
  });

  it("rate-limits login attempts from one address", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: `nobody${i}`, password: "whatever-password" },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });
});

describe("sessions", () => {
  it("requires the CSRF token on unsafe requests", async () => {
    const s = await t.login("nn");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("csrf_invalid");
  });

  it("ends on logout", async () => {
    const call = await t.as("nn");
    expect((await call("POST", "/api/v1/auth/logout")).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/auth/me")).statusCode).toBe(401);
  });

  it("expires after the idle timeout and after the absolute timeout", async () => {
    const call = await t.as("nn");
    t.clock.advance(29 * 60_000);
    expect((await call("GET", "/api/v1/auth/me")).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await call("GET", "/api/v1/auth/me")).statusCode).toBe(401);

    const call2 = await t.as("nn");
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const res = await call2("GET", "/api/v1/auth/me");
      if (res.statusCode !== 200) {
        expect(i).toBeGreaterThanOrEqual(24);
        return;
      }
    }
    throw new Error("the session outlived its absolute timeout");
  });

  it("are revoked by a password change, which also needs the current password and a long new one", async () => {
    const call = await t.as("nn");
    const other = await t.as("nn");
    const short = await call("POST", "/api/v1/auth/password", {
      currentPassword: "correct-horse-battery",
      newPassword: "short",
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].field).toBe("newPassword");
    const wrong = await call("POST", "/api/v1/auth/password", {
      currentPassword: "not-my-password",
      newPassword: "a-much-longer-password",
    });
    expect(wrong.json().code).toBe("password_wrong");
    const ok = await call("POST", "/api/v1/auth/password", {
      currentPassword: "correct-horse-battery",
      newPassword: "a-much-longer-password",
    });
    expect(ok.statusCode).toBe(200);
    expect((await other("GET", "/api/v1/auth/me")).statusCode).toBe(401);
    expect(await t.as("nn", "a-much-longer-password")).toBeTypeOf("function");
    expect(await auditTypes()).toContain("auth.password_changed");
  });
});

describe("MFA", () => {
  it("makes privileged roles enrol when required, then asks for a code at each login", async () => {
    const m = await testApp({ requireMfa: true });
    try {
      await m.build.user({ username: "boss", roles: [["admin", "450000"]] });
      const first = await m.login("boss");
      expect(first.body.data).toMatchObject({ mfaEnrolRequired: true, me: null });
      const headers = { cookie: first.cookie, "x-csrf-token": first.csrf };
      expect((await m.app.inject({ method: "GET", url: "/api/v1/orgs/tree", headers })).json().code).toBe(
        "mfa_enrolment_required",
      );
      const enrol = await m.app.inject({ method: "POST", url: "/api/v1/auth/mfa/enrol", headers });
      const { secret, qrDataUrl } = enrol.json().data;
      expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
      const bad = await m.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa/activate",
        headers,
        payload: { code: "000000" },
      });
      expect(bad.statusCode).toBe(401);
      const act = await m.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa/activate",
        headers,
        payload: { code: totpAt(secret, m.clock.now()) },
      });
      const { recoveryCodes } = act.json().data;
      expect(recoveryCodes).toHaveLength(10);
      expect((await m.app.inject({ method: "GET", url: "/api/v1/orgs/tree", headers })).statusCode).toBe(200);

      const second = await m.login("boss");
      expect(second.body.data.mfaRequired).toBe(true);
      const h2 = { cookie: second.cookie, "x-csrf-token": second.csrf };
      expect((await m.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: h2 })).json().code).toBe(
        "mfa_required",
      );
      const verified = await m.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa/verify",
        headers: h2,
        payload: { code: recoveryCodes[0] },
      });
      expect(verified.statusCode).toBe(200);
      expect(verified.json().data.user.username).toBe("boss");

      const third = await m.login("boss");
      const h3 = { cookie: third.cookie, "x-csrf-token": third.csrf };
      const reused = await m.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa/verify",
        headers: h3,
        payload: { code: recoveryCodes[0] },
      });
      expect(reused.json().code).toBe("invalid_mfa_code");
      const totp = await m.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa/verify",
        headers: h3,
        payload: { code: totpAt(secret, m.clock.now()) },
      });
      expect(totp.statusCode).toBe(200);
      const types = (await m.database.db.selectFrom("auditEvents").select("type").execute()).map(
        (r) => r.type,
      );
      expect(types).toEqual(
        expect.arrayContaining([
          "auth.mfa_enrolled",
          "auth.recovery_code_used",
          "auth.mfa_verified",
          "auth.mfa_failed",
        ]),
      );
    } finally {
      await m.close();
    }
  });
});
