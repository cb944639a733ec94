import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiSession,
  chooseOption,
  expectText,
  loginAs,
  openDropdown,
  openMenu,
  openModal,
  PHONE_VIEWPORT,
  pickDate,
  settled,
  submitModal,
  withBrowser,
  withServer,
} from "./support.ts";

const browser = withBrowser();

const CAMPAIGN = "2026年基层党建突出问题专项整治";
const TOPIC = "村级卫生室建设与农村医疗保障调研";
const LEAD = "李副主席";
const FINDINGS = ["村卫生室常用药品短缺，群众就医需往返镇卫生院", "村务公开栏信息长期未更新"];
const year = new Date().getFullYear();

/** The text box of an antd input or textarea wrapper (or the element itself). */
const inputOf = (l: Locator) =>
  l.locator("xpath=descendant-or-self::*[self::input or self::textarea]").first();

/** Picks options of a multiple select one after another, searching for each, and closes it. */
async function chooseMany(page: Page, select: Locator, picks: [label: string, search: string][]) {
  for (const [label, search] of picks) {
    await select.click();
    await settled(openDropdown(page));
    const searched = page.waitForResponse((r) => r.url().includes("/api/v1/orgs?") && r.url().includes("q="));
    await page.keyboard.type(search);
    await searched;
    await openDropdown(page).locator(".ant-select-item-option").filter({ hasText: label }).first().click();
    await page.keyboard.press("Escape");
  }
}

describe("research visits (调研)", () => {
  const app = withServer(browser);

  it("a coordinator records a visit with sites and households, turns its findings into problems, and the statistics count them", {
    timeout: 300_000,
  }, async () => {
    const page = await app.newPage();
    await page.goto("/");
    await loginAs(page, "zgb");
    await openMenu(page, "research");
    await page.getByTestId("research-create").click();
    await settled(page.locator(".ant-drawer"));

    await chooseOption(page, page.getByTestId("research-org"), "南宁市（450100）", "南宁市");
    await inputOf(page.getByTestId("research-topic")).fill(TOPIC);
    await inputOf(page.getByTestId("research-lead-name")).fill(LEAD);
    await pickDate(page.getByTestId("research-starts-on"), `${year}-10-12`);
    await pickDate(page.getByTestId("research-ends-on"), `${year}-10-13`);
    await chooseMany(page, page.getByTestId("research-sites"), [
      ["三塘镇（450102101）", "三塘镇"],
      ["三塘村委会（450102101201）", "三塘村委会"],
      ["兴宁区第一中学", "兴宁区第一中学"],
    ]);
    await inputOf(page.getByTestId("research-households-visited")).fill("5");
    await inputOf(page.getByTestId("research-households-consoled")).fill("2");
    await page.getByTestId("research-add-symposium").click();
    await inputOf(page.getByTestId("research-symposium-place")).fill("三塘镇卫生院会议室");
    await inputOf(page.getByTestId("research-findings")).fill(FINDINGS.join("\n"));
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === "/api/v1/research" && r.request().method() === "POST",
    );
    await page.getByTestId("research-submit").click();
    expect((await created).status()).toBe(200);

    // the detail page: sites with their kinds, households, findings not yet converted
    const detail = page.getByTestId("research-detail");
    await detail.waitFor();
    await expectText(
      page.getByTestId("research-sites-card"),
      /三塘镇 · 乡镇\(街道\)[\s\S]*三塘村委会 · 村\(社区\)[\s\S]*兴宁区第一中学 · 学校/,
    );
    await expectText(page.getByTestId("research-household-figures"), "走访 5 户，慰问困难户 2 户");
    const findings = page.getByTestId("research-finding");
    await expect.poll(() => findings.count()).toBe(2);

    // 即知即改: the second finding was fixed on the spot, so its problem is created closed
    let modal = await openModal(page, findings.nth(1).getByTestId("finding-convert"));
    await chooseOption(page, modal.getByTestId("convert-campaign"), CAMPAIGN);
    await modal.getByTestId("convert-fixed-on-spot").check();
    await inputOf(modal.getByTestId("convert-fix-note")).fill("当场更新公开栏内容");
    await submitModal(page, "/to-problem");
    await expectText(findings.nth(1).getByTestId("finding-problem"), /即知即改[\s\S]*已销号/);

    // the first one goes to 兴宁区 with a deadline
    modal = await openModal(page, findings.nth(0).getByTestId("finding-convert"));
    await chooseOption(page, modal.getByTestId("convert-campaign"), CAMPAIGN);
    await chooseOption(page, modal.getByTestId("convert-lead-org"), "兴宁区（450102）", "兴宁");
    await pickDate(modal.getByTestId("convert-deadline"), `${year}-12-31`);
    await submitModal(page, "/to-problem");
    await expectText(findings.nth(0).getByTestId("finding-problem"), /村卫生室常用药品短缺[\s\S]*已交办/);

    // the problem shows where it came from, and leads back to the visit
    await findings.nth(0).getByTestId("finding-problem").locator("a").click();
    await expectText(page.getByTestId("problem-source"), /调研发现的问题[\s\S]*1\. 村卫生室常用药品短缺/);
    await page.getByTestId("problem-source-link").click();
    await expectText(page.getByTestId("research-detail"), new RegExp(TOPIC));

    // the statistics page: every figure computed from the records
    await openMenu(page, "researchStats");
    const api = await apiSession(app.server.baseUrl, "zgb");
    const stats = await api.call<{
      totals: { sites: number; cities: number; householdsConsoled: number; symposia: number };
    }>("GET", `/api/v1/research/statistics?from=${year}-01-01&to=${year}-12-31`);
    await expectText(page.getByTestId("stat-sites"), String(stats.totals.sites));
    await expectText(page.getByTestId("stat-households"), String(stats.totals.householdsConsoled));
    await chooseOption(page, page.getByTestId("stats-official"), LEAD);
    await expectText(page.getByTestId("stat-visits"), "1");
    await expectText(page.getByTestId("stat-cities"), "1");
    await expectText(page.getByTestId("stat-counties"), "1");
    await expectText(page.getByTestId("stat-sites"), "3");
    await expectText(page.getByTestId("stat-kind-town"), "1");
    await expectText(page.getByTestId("stat-kind-village"), "1");
    await expectText(page.getByTestId("stat-kind-school"), "1");
    await expectText(page.getByTestId("stat-households"), "2");
    await expectText(page.getByTestId("stat-symposia"), "1");
    await expectText(page.getByTestId("stat-findings"), "2");
    await expectText(page.getByTestId("stat-fixed"), "1");
    await expectText(page.getByTestId("stat-problems"), "2");
    await expectText(
      page.getByTestId("stats-sentence"),
      "先后到 1 个设区市的 1 个县份开展调研，实地考察 3 个镇村社区、园区企业、医院学校，慰问 2 户困难群众，1 次召开座谈会",
    );
  });

  it("the research pages fit a phone", { timeout: 120_000 }, async () => {
    const phone = await app.newPage(undefined, PHONE_VIEWPORT);
    // the page itself, under the shared header: nothing spills over its side
    const fits = () =>
      phone.evaluate(() => {
        const main = document.querySelector(".ant-layout-content") as HTMLElement;
        return main.scrollWidth <= main.clientWidth;
      });
    await phone.goto("/");
    await loginAs(phone, "leader");
    for (const path of ["/research", "/research/statistics"]) {
      await phone.goto(path);
      await phone.getByTestId(path === "/research" ? "research-table" : "stat-sites").waitFor();
      expect(await fits(), path).toBe(true);
    }
    await phone.goto("/research");
    await phone.getByTestId("research-table").locator("a").first().click();
    await phone.getByTestId("research-detail").waitFor();
    expect(await fits(), "detail").toBe(true);
  });
});
