import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Response as PageResponse,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import type { Config } from "../server/config.ts";
import { systemContext } from "../server/context.ts";
import type { Database } from "../server/db/connect.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../server/domain/demo/demo.commands.ts";
import { buildApp } from "../server/http/app.ts";
import { engineName, openTestDatabase, testConfig } from "../server/test/support.ts";
import { REPO_ROOT } from "./global-setup.ts";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, engineName };

/** Where failing tests leave their screenshots (gitignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, ".tmp", "e2e");

/** How long a step may wait for the page before the test fails. */
export const STEP_TIMEOUT = 30_000;

// ---------------------------------------------------------------------------------------------
// The server

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  database: Database;
  config: Config;
  close: () => Promise<void>;
}

export interface ServerOptions {
  /**
   * The server's clock (the demo data, every request and the jobs a test runs read it); the real
   * time by default. A test that lets time pass moves it (see movableClock).
   */
  now?: () => Date;
}

/**
 * A listening server over a fresh database (SQLite in memory, or a new PostgreSQL schema when
 * TEST_DATABASE_URL is set), migrated and loaded with the demo data, serving the web bundle
 * e2e/global-setup.ts built.
 * The login rate limit is off by default: every browser signs in from 127.0.0.1.
 */
export async function startServer(
  overrides: Partial<Config> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const webRoot = inject("webRoot");
  if (!webRoot) throw new Error("no web bundle: run the browser tests with --config e2e/vitest.config.ts");
  const { database, migrate, drop } = await openTestDatabase();
  const config = testConfig({ webDist: webRoot, loginRatePerMinute: 0, ...overrides });
  const cleanUp = async () => {
    await drop();
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  };
  try {
    await migrate();
    const now = options.now ?? (() => new Date());
    await seedDemo(systemContext({ db: database.db, engine: database.engine, config, now }, "seed"));
    const app = await buildApp({ config, database, now, logger: false });
    try {
      await app.listen({ port: 0, host: "127.0.0.1" });
    } catch (err) {
      await app.close();
      throw err;
    }
    const { port } = app.server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      database,
      config,
      close: async () => {
        await app.close();
        await cleanUp();
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

/**
 * A clock that runs with the real one, `offsetMs` apart: set the offset to live in the past (or
 * the future) and back to 0 to return to now, as if the time in between had passed.
 */
export function movableClock(offsetMs = 0) {
  let offset = offsetMs;
  return {
    now: () => new Date(Date.now() + offset),
    /** Moves the clock to `ms` from the real time (0: the real time). */
    setOffset: (ms: number) => {
      offset = ms;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The browser

export type Lang = "zh-CN" | "en";

/** The key under which the web app keeps the chosen language (web/i18n/I18nProvider.tsx). */
export const LANG_STORAGE_KEY = "rectify.lang";

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Starts the system Chromium, headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

interface OpenContext {
  context: BrowserContext;
  errors: string[];
}

export interface Viewport {
  width: number;
  height: number;
}

/** The screen of a small phone, for the pages the public opens on theirs (the ballot). */
export const PHONE_VIEWPORT: Viewport = { width: 375, height: 740 };

export interface BrowserFixture {
  /**
   * A page in a fresh browser context (no cookies, empty storage) on `baseUrl`, so relative URLs
   * work in `page.goto`. With `lang`, the web app starts in that language as if the user had
   * chosen it before; without, it starts in its default (Chinese). The screen is a desktop one
   * unless `viewport` says otherwise.
   */
  newPage: (baseUrl: string, lang?: Lang, viewport?: Viewport) => Promise<Page>;
}

function fileSafe(text: string): string {
  return text.replace(/[^\p{L}\p{N}_-]+/gu, "_").slice(0, 120);
}

/**
 * One Chromium for the test file (call at the top level of the file). Every context a test opens
 * is closed after it; when the test failed, each of its pages is first saved as a screenshot
 * under .tmp/e2e/ and the page errors it saw are printed.
 */
export function withBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  const open: OpenContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    const failed = task.result?.state === "fail";
    const contexts = open.splice(0);
    for (const [i, { context, errors }] of contexts.entries()) {
      if (failed) {
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        for (const [j, page] of context.pages().entries()) {
          const file = path.join(ARTIFACTS_DIR, `${engineName}-${fileSafe(task.name)}-${i}-${j}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => {});
          console.log(`screenshot of the failing page: ${path.relative(REPO_ROOT, file)} (${page.url()})`);
        }
        if (errors.length > 0) console.log(`errors in the page:\n  ${errors.join("\n  ")}`);
      }
      await context.close().catch(() => {});
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    async newPage(baseUrl, lang, viewport) {
      if (!browser) throw new Error("withBrowser() must be called at the top level of the test file");
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: viewport ?? { width: 1366, height: 900 },
        locale: lang === "en" ? "en-US" : "zh-CN",
        timezoneId: "Asia/Shanghai",
        storageState: lang
          ? {
              cookies: [],
              origins: [{ origin: baseUrl, localStorage: [{ name: LANG_STORAGE_KEY, value: lang }] }],
            }
          : undefined,
      });
      context.setDefaultTimeout(STEP_TIMEOUT);
      const entry: OpenContext = { context, errors: [] };
      open.push(entry);
      context.on("page", (page) => {
        page.on("pageerror", (err) => entry.errors.push(`pageerror: ${err.message}`));
        page.on("console", (msg) => {
          if (msg.type() === "error") entry.errors.push(`console: ${msg.text()}`);
        });
      });
      return context.newPage();
    },
  };
}

export interface AppFixture {
  /** The server of the enclosing describe block (available inside tests and later hooks). */
  readonly server: TestServer;
  /** A page on this server in a fresh browser context; see BrowserFixture.newPage. */
  newPage: (lang?: Lang, viewport?: Viewport) => Promise<Page>;
}

/**
 * A fresh server (see startServer) for the enclosing describe block, started before its first
 * test and stopped after its last, with pages opened in the file's browser.
 */
export function withServer(
  browser: BrowserFixture,
  overrides: Partial<Config> = {},
  options: ServerOptions = {},
): AppFixture {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(overrides, options);
  });
  afterAll(async () => {
    await server?.close();
  });
  const current = () => {
    if (!server) throw new Error("the server has not started yet (use it inside a test)");
    return server;
  };
  return {
    get server() {
      return current();
    },
    newPage: (lang, viewport) => browser.newPage(current().baseUrl, lang, viewport),
  };
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/** The text of the element as the user sees it (rendered, trimmed), waiting for it to be there. */
export async function visibleText(locator: Locator, timeout = STEP_TIMEOUT): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the user reads
  return (await locator.innerText({ timeout })).trim();
}

/** Waits until the locator is visible and its text is `expected` (trimmed) or matches it. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = STEP_TIMEOUT) {
  await locator.waitFor({ state: "visible", timeout });
  const text = () => visibleText(locator, timeout);
  if (typeof expected === "string") await expect.poll(text, { timeout }).toBe(expected);
  else await expect.poll(text, { timeout }).toMatch(expected);
}

/** Waits until the locator matches nothing visible. */
export async function expectHidden(locator: Locator, timeout = STEP_TIMEOUT) {
  await locator.first().waitFor({ state: "hidden", timeout });
}

/** Fills and submits the login form (opening the login page first if needed), without waiting for the outcome. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  if (new URL(page.url()).pathname !== "/login") await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/** Signs in through the login form and waits for the signed-in frame; throws with the server's reason. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/auth/login") && r.request().method() === "POST",
  );
  await submitLogin(page, username, password);
  const res = await answered;
  if (!res.ok()) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(`sign-in as ${username} failed: ${res.status()} ${problem?.detail ?? ""}`);
  }
  await page.getByTestId("current-user").waitFor();
}

/** Signs out through the header button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId("logout").click();
  await page.getByTestId("login-submit").waitFor();
}

/** The keys of the side menu entries shown, in order (e.g. ["home", "orgs", "account"]). */
export async function menuKeys(page: Page): Promise<string[]> {
  await page.getByTestId("menu-home").waitFor();
  const ids = await page
    .locator('li[data-testid^="menu-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid") ?? ""));
  return ids.map((id) => id.replace(/^menu-/, ""));
}

/** Opens a side menu entry (home, orgs, users, audit, account). */
export async function openMenu(page: Page, key: string): Promise<void> {
  await page.getByTestId(`menu-${key}`).click();
}

/** The dropdown of the antd Select that is open now. */
export function openDropdown(page: Page): Locator {
  return page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");
}

/**
 * Waits until an antd popup (a Select's dropdown, a modal, a drawer) has finished moving in: a
 * click during the motion may only hover what it lands on.
 */
export async function settled(popup: Locator): Promise<void> {
  await popup.first().waitFor();
  await expect
    .poll(() => popup.first().getAttribute("class"), { timeout: STEP_TIMEOUT })
    .not.toMatch(/-(appear|enter)\b/);
}

/**
 * Picks an option of an antd Select by its label. With `search`, the text is typed first (for
 * selects that look options up on the server as the user types).
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  label: string,
  search?: string,
): Promise<void> {
  await select.click();
  await settled(openDropdown(page));
  if (search !== undefined) await page.keyboard.type(search);
  const option = openDropdown(page).locator(".ant-select-item-option").filter({ hasText: label });
  await option.first().click();
  await expectHidden(openDropdown(page));
}

/** Switches the interface language with the header (or login page) switch. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await chooseOption(page, page.getByTestId("lang-switch"), lang === "en" ? "English" : "中文");
  await page.waitForFunction((want) => document.documentElement.lang === want, lang);
}

/**
 * Types a day (YYYY-MM-DD) into an antd DatePicker and confirms it with Enter, as a user who
 * knows the date does. `picker` is the element carrying the picker's testid.
 */
export async function pickDate(picker: Locator, day: string): Promise<void> {
  const input = picker.locator("xpath=descendant-or-self::input").first();
  await input.click();
  await input.fill(day);
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(day);
}

/** A calendar day `days` from today in Beijing, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Throws with the server's problem detail when `res` is not a success. */
async function expectOk(res: PageResponse, what: string): Promise<void> {
  if (res.ok()) return;
  const problem = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
  throw new Error(`${what} failed: ${res.status()} ${problem?.code ?? ""} ${problem?.detail ?? ""}`);
}

/**
 * Clicks what opens a modal and waits until the modal has finished zooming in (a click on a
 * checkbox or radio during the motion can be lost); resolves to the modal.
 */
export async function openModal(page: Page, opener: Locator): Promise<Locator> {
  await opener.click();
  const modal = page.locator(".ant-modal").last();
  await settled(modal);
  return modal;
}

/**
 * Submits the open action form (its `modal-submit` button), waits for the POST (or PUT) it sends to a URL
 * ending in `endpoint` (e.g. "/assign", or a RegExp), throws with the server's reason when refused,
 * and waits for the form to close.
 */
export async function submitModal(page: Page, endpoint: string | RegExp): Promise<void> {
  const path = (url: string) => new URL(url).pathname;
  const answered = page.waitForResponse(
    (r) =>
      ["POST", "PUT"].includes(r.request().method()) &&
      (typeof endpoint === "string" ? path(r.url()).endsWith(endpoint) : endpoint.test(path(r.url()))),
  );
  await page.getByTestId("modal-submit").click();
  await expectOk(await answered, String(endpoint));
  await expectHidden(page.getByTestId("modal-submit"));
}

// ---------------------------------------------------------------------------------------------
// The API, for setting up what a test does not look at in the browser

export interface ApiSession {
  /** Sends a request as the signed-in user; resolves to the `data` of the answer. */
  call: <T = unknown>(method: "GET" | "POST", path: string, body?: unknown) => Promise<T>;
  /** Uploads a file as evidence; resolves to its id. */
  upload: (fileName: string, bytes: Buffer) => Promise<string>;
}

/** Signs in through POST /api/v1/auth/login and keeps the session cookie and CSRF token. */
export async function apiSession(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`API sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { csrfToken: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = { cookie, "x-csrf-token": data.csrfToken };
  const answer = async <T>(res: Response, what: string): Promise<T> => {
    if (!res.ok) throw new Error(`${what} as ${username} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { data: T }).data;
  };
  return {
    async call<T>(method: "GET" | "POST", path: string, body?: unknown) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return answer<T>(res, `${method} ${path}`);
    },
    async upload(fileName, bytes) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: "application/octet-stream" }), fileName);
      const res = await fetch(`${baseUrl}/api/v1/attachments`, { method: "POST", headers, body: form });
      return (await answer<{ id: string }>(res, "upload")).id;
    },
  };
}
