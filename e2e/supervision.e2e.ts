import fs from "node:fs";
import JSZip from "jszip";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { systemContext } from "../server/context.ts";
import { shanghaiDate, shanghaiYear } from "../server/domain/calendar/shanghai-date.ts";
import { JOBS, runScheduledJob } from "../server/jobs/scheduler.ts";
import {
  apiSession,
  chooseOption,
  daysFromToday,
  expectHidden,
  expectText,
  loginAs,
  movableClock,
  openDropdown,
  openMenu,
  openModal,
  pickDate,
  STEP_TIMEOUT,
  settled,
  submitModal,
  visibleText,
  withBrowser,
  withServer,
} from "./support.ts";

const browser = withBrowser();

/** The demo campaign, with about 60 problems of its own: the journey finds its problem by title. */
const CAMPAIGN = "2026年基层党建突出问题专项整治";
const CITY = { name: "南宁市", code: "450100" };
const COUNTY = { name: "兴宁区", code: "450102" };
const DAY_MS = 86_400_000;
/** How long ago the problem was assigned: three weeks, nobody looking at it since. */
const SETUP_AGO_DAYS = 21;
/** The problem's deadline and its one task's, counted from the day it was assigned. */
const PROBLEM_DAYS = 10;
const TASK_DAYS = 7;

const TITLE = "村级活动场所长期闲置挪作他用问题（督办）";
const NOTICE_TITLE = "关于督促加快整改村级活动场所闲置问题的督办通知";
const NOTICE_BODY = "你单位牵头整改的村级活动场所闲置问题已超过整改时限，整改任务至今未报送进展。";
const NOTICE_REQUIREMENTS = "立即组织兴宁区逐村核查活动场所使用情况，限期恢复党群服务功能。";
const MEETING = "基层党建突出问题整改联席会议";
const SESSION_TITLE = "逾期红灯问题推进专题会议";
const DECISION = "南宁市牵头对村级活动场所闲置问题挂图作战，两周内全部恢复使用";
/** The decision's deadline, in days from today. */
const DECISION_DAYS = 14;
const ANSWER = "已召开专题会议部署整改，兴宁区已完成全部12个村的核查，闲置场所3处已恢复使用。";

/** The whole journey (four users, a sweep, a download, a meeting) takes about two minutes on a busy machine. */
const JOURNEY_TIMEOUT = 300_000;

interface Item {
  id: string;
  code: string;
}

interface NoticeJson {
  id: string;
  docNumber: string;
  level: string;
  title: string;
  addresseeOrgName: string;
  status: string;
}

/** The text box inside an antd input (the testid may sit on the input or on its wrapper). */
function inputOf(field: Locator): Locator {
  return field.locator("xpath=descendant-or-self::*[self::input or self::textarea]").first();
}

/** The day `days` after `from` (YYYY-MM-DD), as a date string. */
function plusDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Fails with `what` when the step does not come true in time (the message says which step broke). */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${what}: ${message}`, { cause: err });
  }
}

describe("supervision in the browser", () => {
  // The server lives three weeks in the past while the problem is set up, then in the present.
  const clock = movableClock(-SETUP_AGO_DAYS * DAY_MS);
  const app = withServer(browser, {}, { now: clock.now });

  /**
   * 整改办 registers a problem and assigns it to 南宁市 with a deadline ten days out; 南宁市 signs
   * for it, adds a measure and hands 兴宁区 a task due in a week. All of it three weeks ago, through
   * the API: nobody touches the problem afterwards.
   */
  async function assignedThreeWeeksAgo(): Promise<Item> {
    const { baseUrl, database } = app.server;
    const day = shanghaiDate(clock.now());
    const [zgb, nanning] = await Promise.all([apiSession(baseUrl, "zgb"), apiSession(baseUrl, "nanning")]);
    const orgs = new Map(
      (
        await database.db
          .selectFrom("orgs")
          .select(["id", "code"])
          .where("code", "in", [CITY.code, COUNTY.code])
          .execute()
      ).map((o) => [o.code, o.id]),
    );
    const campaigns = await zgb.call<{ id: string; name: string }[]>("GET", "/api/v1/campaigns");
    const campaignId = campaigns.find((c) => c.name === CAMPAIGN)?.id;
    expect(campaignId, `the demo campaign ${CAMPAIGN}`).toBeTruthy();

    type Detail = Item & { light: string; measures: { id: string; tasks: { light: string }[] }[] };
    const created = await zgb.call<Detail>("POST", "/api/v1/problems", {
      campaignId,
      sourceType: "supervision",
      title: TITLE,
      description: "督导组实地查看发现，部分村级活动场所长期闲置，个别被挪作仓库使用。",
      rectifyType: "deadline",
      target: "村级活动场所全部恢复党群服务功能",
      acceptanceStandard: "逐村实地核查，场所正常开放并有活动记录",
    });
    const at = `/api/v1/problems/${created.id}`;
    await zgb.call("POST", `${at}/assign`, {
      leadOrgId: orgs.get(CITY.code),
      deadline: plusDays(day, PROBLEM_DAYS),
    });
    await nanning.call("POST", `${at}/acknowledge`);
    const measured = await nanning.call<Detail>("POST", `${at}/measures`, {
      title: "逐村核查活动场所使用情况并恢复功能",
      deadline: plusDays(day, TASK_DAYS),
    });
    await nanning.call("POST", `/api/v1/measures/${measured.measures[0].id}/tasks`, {
      tasks: [{ orgId: orgs.get(COUNTY.code) }],
    });
    // on the day it was set up, neither the problem nor its task was red
    const then = await zgb.call<Detail>("GET", at);
    expect(then.light, "the problem's light on the day it was assigned").not.toBe("red");
    expect(then.measures[0].tasks[0].light, "the task's light on the day it was handed out").not.toBe("red");
    return { id: created.id, code: created.code };
  }

  /** Three weeks later: the daily lights job runs, as the scheduler in `serve` would run it. */
  async function threeWeeksPassAndTheSweepRuns(): Promise<void> {
    clock.setOffset(0);
    const { database, config } = app.server;
    const job = JOBS.find((j) => j.name === "lights");
    if (!job) throw new Error("no lights job in JOBS");
    const ctx = systemContext(
      { db: database.db, engine: database.engine, config, now: clock.now },
      "scheduler",
    );
    const result = await runScheduledJob(ctx, job, "e2e");
    expect(result, "the lights job ran (its slot was free)").not.toBeNull();
    expect(Number(result?.lightChanges), "lights the sweep changed").toBeGreaterThanOrEqual(2);
  }

  /** Applies the ledger's keyword filter and waits for the ledger's answer. */
  async function searchLedger(page: Page, title: string): Promise<void> {
    const keyword = inputOf(page.getByTestId("filter-q"));
    await keyword.fill(title);
    const searched = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === "/api/v1/problems" && new URL(r.url()).searchParams.get("q") === title,
    );
    await keyword.press("Enter");
    expect((await searched).status()).toBe(200);
  }

  /** Picks 红灯 in the ledger's light filter (a multiple select) and waits for the filtered answer. */
  async function filterRed(page: Page, path: string): Promise<void> {
    const filtered = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === path && new URL(r.url()).searchParams.getAll("light").includes("red"),
    );
    await page.getByTestId("filter-light").click();
    await settled(openDropdown(page));
    await openDropdown(page).locator(".ant-select-item-option").filter({ hasText: "红灯" }).click();
    await page.keyboard.press("Escape");
    await expectHidden(openDropdown(page));
    expect((await filtered).status()).toBe(200);
  }

  /** The notice's line in a list, by its id. */
  function noticeLine(scope: Locator, notice: NoticeJson): Locator {
    return scope.locator(`[data-testid="notice-line"][data-notice-id="${notice.id}"]`);
  }

  it("an overdue problem turns red by itself; ddz issues a red 督办单, 南宁市 answers it and opens it in Word; a joint-meeting decision lands on 南宁市's 工作台", {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const problem = await step("setting the problem up three weeks ago", assignedThreeWeeksAgo);
    await step("running the lights job three weeks later", threeWeeksPassAndTheSweepRuns);

    // 1. 督导组 finds it among the red lights of the ledger, problem and task alike
    const ddz = await app.newPage();
    await loginAs(ddz, "ddz");
    await step("the ledger shows the overdue problem red", async () => {
      await openMenu(ddz, "problems");
      await searchLedger(ddz, TITLE);
      await filterRed(ddz, "/api/v1/problems");
      await expect.poll(() => ddz.locator('[data-testid^="problem-row-"]').count()).toBe(1);
      const row = ddz.getByTestId(`problem-row-${problem.code}`);
      expect(await visibleText(row)).toContain(TITLE);
      const light = row.getByTestId("light");
      await expectText(light, "红灯");
      expect(await light.getAttribute("data-light")).toBe("red");
    });
    await step("the task list shows 兴宁区's overdue task red", async () => {
      const listed = ddz.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === "/api/v1/tasks" &&
          new URL(r.url()).searchParams.getAll("light").includes("red"),
      );
      await ddz.getByTestId("view-tasks").click();
      expect((await listed).status()).toBe(200);
      const row = ddz.getByTestId(`task-row-${problem.code}-${COUNTY.name}`);
      expect(await row.getByTestId("light").getAttribute("data-light")).toBe("red");
      await row.getByRole("link", { name: problem.code }).click();
      await expectText(ddz.getByTestId("problem-code"), problem.code);
    });
    await step("the problem page says why it is red", async () => {
      const light = ddz.getByTestId("problem-light");
      await expectText(light, "红灯");
      expect(await light.getAttribute("data-light")).toBe("red");
      await expectText(ddz.getByTestId("light-reasons"), /已超过整改时限 \d+ 天/);
      expect(
        await ddz.getByTestId(`task-${COUNTY.name}`).getByTestId("task-light").getAttribute("data-light"),
      ).toBe("red");
    });

    // 2. ddz issues a red 督办单 from the problem's 督办 card
    const notice = await step("ddz issues a red 督办单", async () => {
      const card = ddz.getByTestId("supervision-card");
      await openModal(ddz, card.getByTestId("sv-issueNotice"));
      const red = ddz.getByTestId("notice-level-red");
      await red.click();
      await expect.poll(() => red.locator("xpath=descendant-or-self::input").first().isChecked()).toBe(true);
      await inputOf(ddz.getByTestId("notice-title")).fill(NOTICE_TITLE);
      await inputOf(ddz.getByTestId("notice-body")).fill(NOTICE_BODY);
      await inputOf(ddz.getByTestId("notice-requirements")).fill(NOTICE_REQUIREMENTS);
      const issued = ddz.waitForResponse(
        (r) =>
          r.request().method() === "POST" &&
          new URL(r.url()).pathname === `/api/v1/problems/${problem.id}/notices`,
      );
      await ddz.getByTestId("modal-submit").click();
      const res = await issued;
      expect(res.status(), `POST notices answered ${await res.text()}`).toBe(200);
      const { data } = (await res.json()) as { data: NoticeJson };
      await expectHidden(ddz.getByTestId("modal-submit"));
      expect(data).toMatchObject({
        level: "red",
        title: NOTICE_TITLE,
        addresseeOrgName: CITY.name,
        status: "open",
      });
      // numbered per issuing org and year, in this year
      expect(data.docNumber).toMatch(new RegExp(`^督办〔${shanghaiYear(clock.now())}〕[1-9]\\d*号$`));
      const line = noticeLine(card, data);
      await expectText(line.getByTestId("notice-number"), data.docNumber);
      await expectText(line.getByTestId("notice-doc-title"), NOTICE_TITLE);
      expect(await line.getAttribute("data-level")).toBe("red");
      await expectText(line.getByTestId("notice-status"), "待回复");
      return data;
    });

    // 3. 南宁市 hears of it at the bell, finds it among the notices waiting for its answer, and answers it
    const nanning = await app.newPage();
    await loginAs(nanning, "nanning");
    await step("the bell brings 南宁市 the 督办单, unread", async () => {
      const bell = nanning.getByTestId("notification-bell");
      await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBeGreaterThan(0);
      const unreadBefore = Number(await bell.getAttribute("data-unread"));
      const listed = nanning.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/notifications");
      await bell.click();
      expect((await listed).status()).toBe(200);
      const item = nanning
        .getByTestId("notification-item")
        .filter({ hasText: `督办单：${notice.docNumber}` })
        // the number alone is not enough: another office's notice may carry the same one
        .filter({ hasText: `「${TITLE}」已下发督办单 ${notice.docNumber}` });
      await expectText(item, new RegExp(`未读[\\s\\S]*督办单：${notice.docNumber}`));
      expect(await item.getAttribute("data-kind")).toBe("notice");
      expect(await item.getAttribute("data-read")).toBe("false");
      // opening it marks it read and leads to the problem, where the notice waits with its answer button
      const read = nanning.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/read"),
      );
      await item.getByTestId("notification-open").click();
      expect((await read).status()).toBe(200);
      await expectText(nanning.getByTestId("problem-code"), problem.code);
      const line = noticeLine(nanning.getByTestId("supervision-card"), notice);
      await line.getByTestId("notice-respond").waitFor();
      await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBe(unreadBefore - 1);
    });
    await step("南宁市 answers the 督办单 in the 督办中心", async () => {
      await openMenu(nanning, "supervision");
      const mine = nanning.getByTestId("my-notices");
      const line = noticeLine(mine, notice);
      await expectText(line.getByTestId("notice-number"), notice.docNumber);
      await openModal(nanning, line.getByTestId("notice-respond"));
      await inputOf(nanning.getByTestId("notice-response")).fill(ANSWER);
      await submitModal(nanning, `/api/v1/notices/${notice.id}/response`);
      // answered: no longer waiting for 南宁市…
      await expectHidden(line);
    });
    const answered = await step("the answer shows among the notices", async () => {
      // …and on the list of notices with its answer
      await nanning.getByTestId("sv-tab-notices").click();
      const line = noticeLine(nanning.getByTestId("all-notices"), notice);
      await expectText(line.getByTestId("notice-status"), "已回复");
      await expectText(line.getByTestId("notice-answer"), `单位回复：${ANSWER}`);
      expect(await line.getAttribute("data-status")).toBe("responded");
      return line;
    });

    // 4. the notice downloads as an official document, and opens
    await step("the 督办单 downloads as .docx and parses back", async () => {
      const [download] = await Promise.all([
        nanning.waitForEvent("download", { timeout: STEP_TIMEOUT }),
        answered.getByTestId("notice-docx").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      expect(download.suggestedFilename()).toContain(notice.docNumber);
      const file = await download.path();
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const xml = await zip.file("word/document.xml")?.async("string");
      if (!xml) throw new Error("the download has no word/document.xml: it is not a Word document");
      for (const text of [notice.docNumber, NOTICE_TITLE, `${CITY.name}：`, NOTICE_BODY]) {
        expect(xml, `word/document.xml holds “${text}”`).toContain(text);
      }
    });

    // ddz, back on the problem, sees the answer too
    await step("ddz sees the answer on the problem's 督办 card", async () => {
      const reloaded = ddz.waitForResponse(
        (r) => new URL(r.url()).pathname === `/api/v1/problems/${problem.id}/supervision`,
      );
      await ddz.reload();
      expect((await reloaded).status()).toBe(200);
      const line = noticeLine(ddz.getByTestId("supervision-card"), notice);
      await expectText(line.getByTestId("notice-status"), "已回复");
      await expectText(line.getByTestId("notice-answer"), `单位回复：${ANSWER}`);
    });

    // 5. the joint meeting takes the red item up, and its decision becomes a task on 南宁市's 工作台
    const zgb = await app.newPage();
    await loginAs(zgb, "zgb");
    await step("整改办 convenes a session of the joint meeting", async () => {
      await openMenu(zgb, "meetings");
      await zgb.getByTestId("meeting-table").getByRole("link", { name: MEETING }).click();
      await expectText(zgb.getByTestId("meeting-title"), MEETING);
      await openModal(zgb, zgb.getByTestId("session-create"));
      await zgb.getByTestId("session-kind-topical").click();
      await inputOf(zgb.getByTestId("session-title")).fill(SESSION_TITLE);
      await inputOf(zgb.getByTestId("session-place")).fill("自治区党委第三会议室");
      await submitModal(zgb, /^\/api\/v1\/joint-meetings\/[^/]+\/sessions$/);
      await expectText(zgb.getByTestId("session-title"), SESSION_TITLE);
    });
    await step("the red problem is proposed for the agenda and put on it", async () => {
      const proposed = zgb.getByTestId("proposed-items").locator("tr").filter({ hasText: problem.code });
      await expectText(proposed, new RegExp(`${problem.code}[\\s\\S]*${TITLE}`));
      await proposed.getByTestId("light-red").waitFor();
      const added = zgb.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/agenda-items"),
      );
      await proposed.getByTestId("proposed-add").click();
      expect((await added).status()).toBe(200);
      const agendaItem = zgb.getByTestId("agenda").locator("tr").filter({ hasText: TITLE });
      await agendaItem.getByTestId("light-red").waitFor();
      await expectHidden(proposed);
    });
    const decision = zgb.getByTestId("decisions").locator("tr").filter({ hasText: DECISION });
    await step("the session records a decision for 南宁市", async () => {
      await openModal(zgb, zgb.getByTestId("session-decision"));
      await inputOf(zgb.getByTestId("decision-text")).fill(DECISION);
      await chooseOption(
        zgb,
        zgb.getByTestId("decision-owner-org"),
        `${CITY.name}（${CITY.code}）`,
        CITY.name,
      );
      await pickDate(zgb.getByTestId("decision-deadline"), daysFromToday(DECISION_DAYS));
      await submitModal(zgb, /\/decisions$/);
      await expectText(decision, new RegExp(`${DECISION}[\\s\\S]*${CITY.name}`));
    });
    await step("the decision becomes a task on the problem", async () => {
      await openModal(zgb, decision.getByTestId("decision-to-task"));
      await chooseOption(zgb, zgb.getByTestId("task-problem"), problem.code, TITLE);
      // the owner unit and the deadline come from the decision
      await submitModal(zgb, /\/to-task$/);
      await expectText(
        decision.getByTestId("decision-outcome"),
        new RegExp(`任务（${CITY.name}）[\\s\\S]*${problem.code}`),
      );
    });
    await step("南宁市 finds the task on its 工作台", async () => {
      const todos = nanning.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/me/todos");
      await nanning.goto("/");
      expect((await todos).status()).toBe(200);
      const item = nanning
        .getByTestId("todo-tasksToAcknowledge")
        .getByTestId("todo-item")
        .filter({ hasText: DECISION });
      await expectText(item, new RegExp(`${problem.code}[\\s\\S]*${CITY.name} · ${DECISION}`));
      await item.click();
      await expectText(nanning.getByTestId("problem-code"), problem.code);
      const task = nanning.getByTestId(`task-${CITY.name}`);
      await expect.poll(() => task.getAttribute("data-status")).toBe("pending");
      // owned by 南宁市, due when the decision said
      type Detail = { measures: { tasks: { orgName: string; deadline: string; title: string }[] }[] };
      const detail = await (await apiSession(app.server.baseUrl, "nanning")).call<Detail>(
        "GET",
        `/api/v1/problems/${problem.id}`,
      );
      const tasks = detail.measures.flatMap((m) => m.tasks).filter((t) => t.orgName === CITY.name);
      expect(tasks).toEqual([
        expect.objectContaining({ title: DECISION, deadline: daysFromToday(DECISION_DAYS) }),
      ]);
    });
  });
});
