import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "nnadmin", roles: [["admin", "450100"]] });
  await t.build.user({ username: "staff", roles: [["unit_staff", "450102"]] });
});
afterEach(() => t.close());

const newUser = (orgId: string, extra: Record<string, unknown> = {}) => ({
  username: "clerk1",
  displayName: "经办人甲",
  password: "a-long-enough-password",
  orgId,
  roles: [{ role: "unit_staff", orgId }],
  ...extra,
});

describe("user administration", () => {
  it("lets an admin create a user in their subtree, who can then sign in with that scope", async () => {
    const admin = await t.as("nnadmin");
    const res = await admin("POST", "/api/v1/users", newUser(t.org("450103").id));
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      username: "clerk1",
      orgName: "青秀区",
      roles: [{ role: "unit_staff" }],
    });
    const clerk = await t.as("clerk1", "a-long-enough-password");
    const tree = await clerk("GET", "/api/v1/orgs/tree");
    expect(tree.json().data.map((o: { name: string }) => o.name)).toEqual(["青秀区"]);
  });

  it("refuses a unit clerk creating users", async () => {
    const staff = await t.as("staff");
    const res = await staff("POST", "/api/v1/users", newUser(t.org("450102").id));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("forbidden");
  });

  it("names each invalid field, in Chinese by default and in English on request", async () => {
    const admin = await t.as("nnadmin");
    const zh = await admin("POST", "/api/v1/users", { username: "x", password: "short", roles: [] });
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["username", "displayName", "orgId"]));
    expect(zh.json().detail).toBe("提交的数据不符合要求");
    const en = await admin("POST", "/api/v1/users", { username: "x" }, "en");
    expect(en.json().detail).toBe("The request is not valid");
    expect(en.json().errors.find((e: { field: string }) => e.field === "displayName").message).toBe(
      "is required",
    );
  });

  it("refuses short passwords, taken usernames and roles outside the admin's subtree, leaving nothing behind", async () => {
    const admin = await t.as("nnadmin");
    const before = await t.database.db.selectFrom("users").select("id").execute();
    const short = await admin(
      "POST",
      "/api/v1/users",
      newUser(t.org("450103").id, { password: "short-pass" }),
    );
    expect(short.json()).toMatchObject({ code: "password_too_short", status: 422 });
    const taken = await admin("POST", "/api/v1/users", newUser(t.org("450103").id, { username: "staff" }));
    expect(taken.json().code).toBe("username_taken");
    const outside = await admin(
      "POST",
      "/api/v1/users",
      newUser(t.org("450103").id, { roles: [{ role: "unit_lead", orgId: t.org("450200").id }] }),
    );
    expect(outside.json()).toMatchObject({
      code: "role_outside_scope",
      errors: [{ field: "roles/0/orgId" }],
    });
    expect(await t.database.db.selectFrom("users").select("id").execute()).toHaveLength(before.length);
  });

  it("ends a user's sessions when their roles change or they are deactivated", async () => {
    const admin = await t.as("nnadmin");
    const staff = await t.as("staff");
    const staffId = (await staff("GET", "/api/v1/auth/me")).json().data.user.id;
    await admin("PUT", `/api/v1/users/${staffId}/roles`, {
      roles: [{ role: "unit_lead", orgId: t.org("450102").id }],
    });
    expect((await staff("GET", "/api/v1/auth/me")).statusCode).toBe(401);
    const again = await t.as("staff");
    expect((await again("GET", "/api/v1/auth/me")).json().data.roles[0].role).toBe("unit_lead");
    await admin("PATCH", `/api/v1/users/${staffId}`, { active: false });
    expect((await again("GET", "/api/v1/auth/me")).statusCode).toBe(401);
    await expect(t.login("staff")).rejects.toThrow(/401/);
  });

  it("resets a password and unlocks a locked account", async () => {
    const admin = await t.as("nnadmin");
    for (let i = 0; i < 5; i++) await t.login("staff", `wrong-password-${i}`).catch(() => {});
    const list = await admin("GET", "/api/v1/users?q=staff");
    const staff = list.json().data[0];
    expect(staff.lockedUntil).not.toBeNull();
    expect((await admin("POST", `/api/v1/users/${staff.id}/unlock`)).json().data.lockedUntil).toBeNull();
    await admin("POST", `/api/v1/users/${staff.id}/password`, { password: "brand-new-password" });
    await expect(t.login("staff")).rejects.toThrow(/401/);
    expect(await t.login("staff", "brand-new-password")).toBeTruthy();
  });

  it("shows an account record only to its owner and the admins over it; a colleague gets 404", async () => {
    const colleague = await t.build.user({ username: "colleague", roles: [["unit_lead", "450102"]] });
    const staffId = (await (await t.as("staff"))("GET", "/api/v1/auth/me")).json().data.user.id;
    const peer = await t.as("colleague");
    const read = await peer("GET", `/api/v1/users/${staffId}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe("not_found");
    expect(read.body).not.toContain("staff");
    const staff = await t.as("staff");
    expect((await staff("GET", `/api/v1/users/${colleague.id}`)).statusCode).toBe(404);
    const self = await staff("GET", `/api/v1/users/${staffId}`);
    expect(self.statusCode).toBe(200);
    expect(self.json().data.username).toBe("staff");
    const admin = await t.as("nnadmin");
    expect((await admin("GET", `/api/v1/users/${staffId}`)).statusCode).toBe(200);
    await t.build.user({ username: "lzadmin", roles: [["admin", "450200"]] });
    expect((await (await t.as("lzadmin"))("GET", `/api/v1/users/${staffId}`)).statusCode).toBe(404);
  });

  it("lists only users at home in the admin's subtree", async () => {
    await t.build.user({ username: "lz", roles: [["unit_lead", "450200"]] });
    const admin = await t.as("nnadmin");
    const names = (await admin("GET", "/api/v1/users?limit=200"))
      .json()
      .data.map((u: { username: string }) => u.username);
    expect(names).toContain("staff");
    expect(names).not.toContain("lz");
  });
});
