import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Role } from "../contract/enums.ts";
import {
  chooseOption,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  expectHidden,
  expectText,
  loginAs,
  logout,
  menuKeys,
  openMenu,
  submitLogin,
  switchLanguage,
  visibleText,
  withBrowser,
  withServer,
} from "./support.ts";

const browser = withBrowser();

/** The org nodes at the top of the tree, as their testids. */
async function treeRoots(page: Page): Promise<string[]> {
  await page.getByTestId("org-tree").locator(".ant-tree").waitFor();
  return page
    .getByTestId("org-tree")
    .locator(".ant-tree-treenode")
    .evaluateAll((nodes) =>
      nodes
        .filter((n) => n.querySelectorAll(".ant-tree-indent-unit").length === 0)
        .map((n) => n.querySelector('[data-testid^="org-node-"]')?.getAttribute("data-testid") ?? "?"),
    );
}

/** The expand/collapse switch of the tree node showing the org with this code. */
function treeSwitch(page: Page, code: string) {
  return page
    .locator(".ant-tree-treenode", { has: page.getByTestId(`org-node-${code}`) })
    .locator(".ant-tree-switcher");
}

/** Runs an org search and waits for the server's answer; returns the results box. */
async function searchOrgs(page: Page, text: string) {
  const searched = page.waitForResponse((r) => r.url().includes("/api/v1/orgs?") && r.url().includes("q="));
  await page.getByTestId("org-search").fill(text);
  await page.getByTestId("org-search").press("Enter");
  await searched;
  return page.getByTestId("org-search-results");
}

async function bodyText(page: Page): Promise<string> {
  return visibleText(page.locator("body"));
}

describe("Rectify platform in the browser", () => {
  const app = withServer(browser);

  describe("each demo account sees exactly the platform menu entries its role allows", () => {
    // The entries of the platform shell; entries added by later features (e.g. the problem
    // ledger) are checked by their own journeys.
    const PLATFORM_ENTRIES = ["home", "orgs", "users", "audit", "account"];
    const MENU_BY_ROLE: Record<Role, string[]> = {
      admin: ["home", "orgs", "users", "account"],
      auditor: ["home", "orgs", "audit", "account"],
      coordinator: ["home", "orgs", "account"],
      supervisor: ["home", "orgs", "account"],
      leader: ["home", "orgs", "account"],
      unit_lead: ["home", "orgs", "account"],
      unit_staff: ["home", "orgs", "account"],
    };
    const rows = DEMO_ACCOUNTS.map(([username, displayName, role]) => ({
      username,
      displayName,
      role,
      menu: MENU_BY_ROLE[role],
    }));

    it("covers the demo accounts the platform documents", () => {
      const documented = ["admin", "zgb", "ddz", "leader", "auditor", "nanning", "xingning", "liuzhou"];
      expect(rows.map((r) => r.username)).toEqual(expect.arrayContaining(documented));
    });

    it.each(rows)(
      "$username ($role) sees the platform menu $menu",
      async ({ username, displayName, menu }) => {
        const page = await app.newPage();
        await loginAs(page, username);
        await expectText(page.getByTestId("current-user"), displayName);
        const shown = await menuKeys(page);
        expect(shown.filter((key) => PLATFORM_ENTRIES.includes(key))).toEqual(menu);
      },
    );
  });

  describe("the org tree shows only the user's own part of the region", () => {
    it("nanning sees 南宁市 as the root, opens it down to 兴宁区, and finds nothing of 柳州市", async () => {
      const page = await app.newPage();
      await loginAs(page, "nanning");
      await openMenu(page, "orgs");

      expect(await treeRoots(page)).toEqual(["org-node-450100"]);
      await expectText(page.getByTestId("org-node-450100"), "南宁市");
      // the single root opens by itself; close it and open it again by hand
      await page.getByTestId("org-node-450102").waitFor();
      await treeSwitch(page, "450100").click();
      await expectHidden(page.getByTestId("org-node-450102"));
      await treeSwitch(page, "450100").click();
      await expectText(page.getByTestId("org-node-450102"), "兴宁区");

      await page.getByTestId("org-node-450102").click();
      const detail = page.getByTestId("org-detail").locator(".ant-descriptions");
      await expectText(detail, /名称\s+兴宁区\s+代码\s+450102/);
      await expectText(detail, /路径\s+.*南宁市 \/ 兴宁区/);

      // and below it, its towns
      await treeSwitch(page, "450102").click();
      await expectText(page.getByTestId("org-node-450102001"), "民生街道");

      expect(await page.getByTestId("org-node-450200").count()).toBe(0);
      expect(await bodyText(page)).not.toContain("柳州");

      await expectText(await searchOrgs(page, "兴宁"), /兴宁区 450102/);
      const found = await searchOrgs(page, "柳州");
      await expectText(found, /没有匹配的组织/);
      expect(await visibleText(found)).not.toContain("柳州市");
      expect(await bodyText(page)).not.toContain("柳州市");
    });

    it("liuzhou sees 柳州市 as the root and nothing of 南宁市", async () => {
      const page = await app.newPage();
      await loginAs(page, "liuzhou");
      await openMenu(page, "orgs");

      expect(await treeRoots(page)).toEqual(["org-node-450200"]);
      await expectText(page.getByTestId("org-node-450200"), "柳州市");
      await expectText(page.getByTestId("org-node-450203"), "鱼峰区");
      expect(await page.getByTestId("org-node-450100").count()).toBe(0);
      expect(await bodyText(page)).not.toContain("南宁");

      await expectText(await searchOrgs(page, "鱼峰"), /鱼峰区 450203/);
      const found = await searchOrgs(page, "南宁");
      await expectText(found, /没有匹配的组织/);
      expect(await visibleText(found)).not.toContain("南宁市");
    });

    it("admin sees 广西壮族自治区 as the root, with both cities below it", async () => {
      const page = await app.newPage();
      await loginAs(page, "admin");
      await openMenu(page, "orgs");

      expect(await treeRoots(page)).toEqual(["org-node-450000"]);
      await expectText(page.getByTestId("org-node-450000"), "广西壮族自治区");
      await expectText(page.getByTestId("org-node-450100"), "南宁市");
      await expectText(page.getByTestId("org-node-450200"), "柳州市");
    });
  });

  describe("the interface speaks Chinese or English", () => {
    it("switches on the login page and in the app, and keeps the choice across a reload", async () => {
      const page = await app.newPage();
      await page.goto("/login");
      const subtitle = (text: string) => page.getByText(text, { exact: true });

      await subtitle("问题整改督导平台 · 请登录").waitFor();
      await switchLanguage(page, "en");
      await subtitle("Rectification supervision platform · Sign in").waitFor();
      await expectText(page.getByTestId("login-submit"), "Sign in");
      await page.reload();
      await subtitle("Rectification supervision platform · Sign in").waitFor();

      await loginAs(page, "zgb");
      await expectText(page.getByTestId("menu-home"), "Workbench");
      await expectText(page.getByTestId("menu-orgs"), "Organisations");
      await expectText(page.getByTestId("menu-account"), "Password & security");
      await expectText(page.getByTestId("logout"), "Sign out");

      await switchLanguage(page, "zh-CN");
      await expectText(page.getByTestId("menu-home"), "工作台");
      await expectText(page.getByTestId("menu-orgs"), "组织机构");
      await expectText(page.getByTestId("menu-account"), "修改密码/安全设置");
      await page.reload();
      await expectText(page.getByTestId("menu-orgs"), "组织机构");

      await switchLanguage(page, "en");
      await expectText(page.getByTestId("menu-orgs"), "Organisations");
      await page.reload();
      await expectText(page.getByTestId("menu-orgs"), "Organisations");
      await expectText(page.getByTestId("menu-home"), "Workbench");
    });
  });

  describe("user administration", () => {
    it("admin creates a user in the drawer, and that user can sign in", async () => {
      const user = { username: "qin.wei", displayName: "兴宁区 覃伟", password: "Xingning-staff-2026" };
      const page = await app.newPage();
      await loginAs(page, "admin");
      await openMenu(page, "users");
      await page.getByTestId("user-row-admin").waitFor();

      await page.getByTestId("users-create").click();
      await page.getByTestId("user-username").fill(user.username);
      await page.getByTestId("user-display-name").fill(user.displayName);
      await page.getByTestId("user-password").fill(user.password);
      await chooseOption(page, page.getByTestId("user-org"), "兴宁区（450102）", "兴宁");
      await page.getByTestId("role-add").click();
      await chooseOption(page, page.getByTestId("role-select-0"), "经办人");
      await chooseOption(page, page.getByTestId("role-org-0"), "兴宁区（450102）", "450102");
      await page.getByTestId("user-create-submit").click();

      const row = page.getByTestId(`user-row-${user.username}`);
      await row.waitFor();
      await expectHidden(page.getByTestId("user-username")); // the drawer closed
      expect(await visibleText(row)).toContain(user.displayName);
      expect(await visibleText(row)).toContain("经办人 · 兴宁区");

      await logout(page);
      await loginAs(page, user.username, user.password);
      await expectText(page.getByTestId("current-user"), user.displayName);
      await expectText(page.getByTestId("current-roles"), "经办人");
      const shown = await menuKeys(page);
      expect(shown).toEqual(expect.arrayContaining(["home", "orgs", "account"]));
      expect(shown).not.toContain("users");
      expect(shown).not.toContain("audit");
    });
  });

  describe("the audit log", () => {
    it("shows the auditor the sign-in events, and the chain verifies", async () => {
      const page = await app.newPage();
      await loginAs(page, "auditor");
      await openMenu(page, "audit");

      const table = page.getByTestId("audit-table");
      const logins = table.locator('span[title="auth.login_succeeded"]');
      await logins.first().waitFor();
      await expectText(logins.first(), "登录成功");

      await page.getByTestId("audit-verify").click();
      const result = page.getByTestId("audit-verify-result");
      await expectText(result, /^日志链完整：共校验 \d+ 条记录，未发现篡改。$/);
      expect(await result.getAttribute("class")).toContain("ant-alert-success");
      const checked = Number((await visibleText(result)).match(/共校验 (\d+) 条/)?.[1]);
      expect(checked).toBeGreaterThan(1);
    });
  });
});

describe("sign-in delay", () => {
  // a server of its own, so the delayed account cannot disturb any other test
  const app = withServer(browser);

  /** Submits the login form; resolves to the status the server answered with. */
  async function attempt(page: Page, username: string, password: string): Promise<number> {
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
    await submitLogin(page, username, password);
    return (await answered).status();
  }

  it("after five wrong passwords makes this browser wait, saying how long, even with the right one", async () => {
    const page = await app.newPage();
    await page.goto("/login");
    const error = page.getByTestId("login-error");
    for (let i = 1; i <= 5; i++) {
      expect(await attempt(page, "xingning", `wrong-password-${i}`)).toBe(401);
      await expectText(error, "用户名或密码错误");
    }
    // an unknown account name is answered exactly alike
    expect(await attempt(page, "no-such-user", "wrong-password")).toBe(401);
    await expectText(error, "用户名或密码错误");

    await page.reload();
    await expectHidden(error);
    expect(await attempt(page, "xingning", DEMO_PASSWORD)).toBe(429);
    await expectText(error, /^失败次数过多，请 \d+ 秒后再试$/);
    expect(await page.getByTestId("current-user").count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
