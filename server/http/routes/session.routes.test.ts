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

  it("answers an unknown user, a wrong password and a deactivated account alike", async () => {
    const off = await t.build.user({ username: "gone", roles: [["unit_lead", "450100"]] });
    await t.database.db.updateTable("users").set({ active: 0 }).where("id", "=", off.id).execute();
    const attempts = [
      { username: "nobody-here", password: "correct-horse-battery" },
      { username: "nn", password: "wrong-password-123" },
      { username: "gone", password: "correct-horse-battery" },
    ];
    for (const lang of ["zh-CN", "en"]) {
      const answers = [];
      for (const [i, payload] of attempts.entries()) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload,
          headers: { "accept-language": lang },
          remoteAddress: `192.0.2.${i + (lang === "en" ? 10 : 1)}`,
        });
        const { status, code, title, detail, type } = res.json();
        answers.push({ statusCode: res.statusCode, status, code, title, detail, type });
      }
      expect(answers[0]).toMatchObject({ statusCode: 401, code: "invalid_credentials" });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
  });

  it("slows an address down on one account with a growing, capped delay, without locking the real user out", async () => {
    const from = (remoteAddress: string, password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: loginBody(password),
        remoteAddress,
      });
    const attacker = "198.51.100.66";
    for (let i = 0; i < 4; i++) expect((await from(attacker, `wrong-password-${i}`)).statusCode).toBe(401);
    // the fifth failure still answers like any other, and starts a delay of 30 s
    expect((await from(attacker, "wrong-password-4")).json().code).toBe("invalid_credentials");
    const delayed = await from(attacker, "correct-horse-battery");
    expect(delayed.statusCode).toBe(429);
    expect(delayed.headers["retry-after"]).toBe("30");
    expect(delayed.json()).toMatchObject({ code: "login_delayed", detail: "失败次数过多，请 30 秒后再试" });
    // the real user, from their own address, signs in all the same
    expect((await from("203.0.113.5", "correct-horse-battery")).statusCode).toBe(200);
    // each further failure doubles the wait: 60 s, 120 s, … at most LOCKOUT_MINUTES
    const waits: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(15 * 60_000);
      expect((await from(attacker, `wrong-again-${i}`)).statusCode).toBe(401);
      waits.push(String((await from(attacker, "wrong")).headers["retry-after"]));
    }
    expect(waits).toEqual(["60", "120", "240", "480", "900", "900", "900"]);
    // once the delay has passed, the right password from the same address works and clears it
    t.clock.advance(15 * 60_000);
    expect((await from(attacker, "correct-horse-battery")).statusCode).toBe(200);
    expect((await from(attacker, "wrong-once-more")).statusCode).toBe(401);
    expect((await from(attacker, "correct-horse-battery")).statusCode).toBe(200);
    const types = await auditTypes();
    expect(types).toContain("auth.login_delayed");
    expect(types).not.toContain("auth.locked_out");
  });

  it("delays an unknown username exactly like a real one, so the delay reveals nothing", async () => {
    const answers = [];
    for (const username of ["nn", "not-a-user"]) {
      for (let i = 0; i < 5; i++) {
        await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username, password: `wrong-password-${i}` },
          remoteAddress: "198.51.100.7",
        });
      }
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username, password: "correct-horse-battery" },
        remoteAddress: "198.51.100.7",
      });
      answers.push([res.statusCode, res.headers["retry-after"], res.json().code, res.json().detail]);
    }
    expect(answers[0]).toEqual([429, "30", "login_delayed", "失败次数过多，请 30 秒后再试"]);
    expect(answers[1]).toEqual(answers[0]);
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

  it("audits each wrong current password on a change and counts it toward the sign-in delay", async () => {
    const call = await t.as("nn");
    const change = (currentPassword: string) =>
      call("POST", "/api/v1/auth/password", { currentPassword, newPassword: "a-much-longer-password" });
    for (let i = 0; i < 5; i++)
      expect((await change(`guess-number-${i}`)).json().code).toBe("password_wrong");
    const failed = await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("type", "=", "auth.password_change_failed")
      .execute();
    expect(failed).toHaveLength(5);
    // guessing goes no faster: even the right password waits now, here and at the login
    const delayed = await change("correct-horse-battery");
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().code).toBe("login_delayed");
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: loginBody("correct-horse-battery"),
    });
    expect(login.statusCode).toBe(429);
    expect((await call("GET", "/api/v1/auth/me")).statusCode).toBe(200);
    t.clock.advance(30_000);
    expect((await change("correct-horse-battery")).statusCode).toBe(200);
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
