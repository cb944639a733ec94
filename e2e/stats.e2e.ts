import { describe, expect, it } from "vitest";
import {
  expectText,
  loginAs,
  openMenu,
  STEP_TIMEOUT,
  switchLanguage,
  visibleText,
  withBrowser,
  withServer,
} from "./support.ts";

const browser = withBrowser();
const LIUZHOU = "450200";
/** A journey through two pages with charts and a reload takes a couple of minutes on a busy machine. */
const JOURNEY_TIMEOUT = 300_000;

describe("statistics in the browser", () => {
  const app = withServer(browser);

  it(
    "a leader clicks 柳州's bar on the statistics page and lands on the ledger of exactly those rows",
    async () => {
      const page = await app.newPage();
      await loginAs(page, "leader");
      await openMenu(page, "stats");
      await page.waitForURL(/\/stats/, { timeout: STEP_TIMEOUT });

      const cell = page.getByTestId(`region-total-${LIUZHOU}`);
      const count = Number(await visibleText(cell));
      expect(count).toBeGreaterThan(0);
      // the bar chart's categories are the cities in the table's order; its grid is 40px left,
      // 16px right and 64px below the plot
      const cities = await page
        .locator('[data-testid^="region-total-45"]')
        .evaluateAll((els) =>
          els.map((e) => e.getAttribute("data-testid")?.replace("region-total-", "") ?? ""),
        );
      const cityCodes = cities.filter((c) => /^45\d\d00$/.test(c));
      const index = cityCodes.indexOf(LIUZHOU);
      expect(index).toBeGreaterThanOrEqual(0);
      const chart = page.getByTestId("chart-regions");
      await chart.locator("canvas").first().waitFor({ timeout: STEP_TIMEOUT });
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      if (!box) throw new Error("no chart");
      const slot = (box.width - 56) / cityCodes.length;
      await page.mouse.click(box.x + 40 + slot * (index + 0.5), box.y + box.height - 64 - 3);

      await page.waitForURL(/\/problems\?/, { timeout: STEP_TIMEOUT });
      const url = new URL(page.url());
      expect(url.searchParams.get("leadOrgId")).toBeTruthy();
      await expectText(
        page.getByTestId("ledger-table-problems").locator(".ant-pagination-total-text"),
        new RegExp(`\\b${count}\\b`),
      );
      // every row is led by a unit of 柳州
      const leads = await page
        .getByTestId("ledger-table-problems")
        .locator("tbody tr[data-testid^='problem-row-']")
        .count();
      expect(leads).toBe(Math.min(count, 20));

      // the filter is in the URL: a reload shows the same rows
      await page.reload();
      await expectText(
        page.getByTestId("ledger-table-problems").locator(".ant-pagination-total-text"),
        new RegExp(`\\b${count}\\b`),
      );
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "links a figure to its ledger rows in English too",
    async () => {
      const page = await app.newPage();
      await loginAs(page, "leader");
      await switchLanguage(page, "en");
      await openMenu(page, "stats");
      await expectText(page.locator("h3"), "Statistics");
      // the card shows a placeholder until the figures arrive: wait for the number itself
      const value = page.getByTestId("stat-overdue").locator(".ant-statistic-content-value");
      const figure = async () => (await visibleText(value)).replace(/,/g, "");
      await expect.poll(figure, { timeout: STEP_TIMEOUT }).toMatch(/^\d+$/);
      const overdue = Number(await figure());
      await page.getByTestId("stat-overdue").click();
      await page.waitForURL(/\/problems\?/, { timeout: STEP_TIMEOUT });
      await expectText(
        page.getByTestId("ledger-table-problems").locator(".ant-pagination-total-text"),
        new RegExp(`\\b${overdue}\\b`),
      );
    },
    JOURNEY_TIMEOUT,
  );
});
