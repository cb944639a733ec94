import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BallotChoice, ProblemStatus } from "../contract/enums.ts";
import {
  apiSession,
  chooseOption,
  daysFromToday,
  expectHidden,
  expectText,
  loginAs,
  logout,
  openMenu,
  openModal,
  PHONE_VIEWPORT,
  pickDate,
  settled,
  submitModal,
  visibleText,
  withBrowser,
  withServer,
} from "./support.ts";

const browser = withBrowser();

/** The demo campaign; it already holds about 60 problems, so each journey finds its own by title. */
const CAMPAIGN = "2026年基层党建突出问题专项整治";
const CITY = { name: "南宁市", code: "450100" };
const COUNTIES = ["兴宁区", "青秀区"] as const;
/** A 1×1 PNG, the photo a unit sends as evidence. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PHOTO_NAME = "整改现场照片.png";
const REVIEW_CHECKS = [
  "factsClear",
  "problemSolved",
  "tasksDone",
  "conclusionAccurate",
  "compliant",
  "formatCorrect",
] as const;

/** A whole loop in the browser (seven sign-ins, a phone) takes well over a minute on a busy machine. */
const JOURNEY_TIMEOUT = 240_000;

const STATUS_LABELS: Record<ProblemStatus, string> = {
  registered: "已立项",
  assigned: "已交办",
  rectifying: "整改中",
  closeout_requested: "待审核",
  public_review: "群众评议中",
  ongoing: "持续整改",
  closed: "已销号",
};

interface Registered {
  id: string;
  code: string;
  title: string;
}

/** The text box inside an antd input (the testid may sit on the input or on its wrapper). */
function inputOf(field: Locator): Locator {
  return field.locator("xpath=descendant-or-self::*[self::input or self::textarea]").first();
}

/** Waits until the problem page shows this state, by its label and its code name. */
async function expectStatus(page: Page, status: ProblemStatus): Promise<void> {
  const tag = page.getByTestId("problem-status");
  await expectText(tag, STATUS_LABELS[status]);
  expect(await tag.getAttribute("data-status")).toBe(status);
}

describe("the closed loop in the browser", () => {
  const app = withServer(browser);
  let tmpDir = "";
  let photo = "";

  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-e2e-"));
    photo = path.join(tmpDir, PHOTO_NAME);
    fs.writeFileSync(photo, PNG);
  });
  afterAll(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  /**
   * Hands the office browser to the next user: whoever is signed in signs out first. The web
   * app forgets everything it had loaded for them, so the next user starts afresh.
   */
  async function handTo(page: Page, username: string): Promise<void> {
    if ((await page.getByTestId("current-user").count()) > 0) await logout(page);
    await loginAs(page, username);
  }

  /** Opens the problem from the workbench the user lands on, where it waits among their to-dos. */
  async function openFromTodos(page: Page, problem: Registered): Promise<void> {
    await page
      .getByTestId("workbench")
      .getByTestId("todo-item")
      .filter({ hasText: problem.code })
      .first()
      .click();
    await expectText(page.getByTestId("problem-code"), problem.code);
  }

  /** Searches the ledger for the title (as the user signed in); resolves to the problem's row. */
  async function findInLedger(page: Page, problem: Registered): Promise<Locator> {
    await openMenu(page, "problems");
    const keyword = inputOf(page.getByTestId("filter-q"));
    await keyword.fill(problem.title);
    const searched = page.waitForResponse(
      (r) => new URL(r.url()).pathname === "/api/v1/problems" && new URL(r.url()).searchParams.has("q"),
    );
    await keyword.press("Enter");
    expect((await searched).status()).toBe(200);
    // the table shows the search's one row once it has the answer
    await expect.poll(() => page.locator('[data-testid^="problem-row-"]').count()).toBe(1);
    const row = page.getByTestId(`problem-row-${problem.code}`);
    expect(await visibleText(row)).toContain(problem.title);
    return row;
  }

  /** Opens the problem from its ledger row, by its code. */
  async function openFromLedger(page: Page, problem: Registered, row: Locator): Promise<void> {
    await row.getByRole("link", { name: problem.code }).click();
    await expectText(page.getByTestId("problem-code"), problem.code);
  }

  /** zgb registers a problem in the demo campaign through the ledger's drawer and lands on it. */
  async function registerProblem(page: Page, title: string): Promise<Registered> {
    await openMenu(page, "problems");
    await page.getByTestId("problem-register").click();
    await settled(page.locator(".ant-drawer-content-wrapper"));
    await chooseOption(page, page.getByTestId("problem-form-campaign"), CAMPAIGN);
    await chooseOption(page, page.getByTestId("problem-form-category"), "党员教育管理宽松软");
    // the category's portrait template fills in the symptoms to look for
    const symptom = inputOf(page.getByTestId("problem-form-symptom-0"));
    await expect.poll(() => symptom.inputValue()).toBe("组织生活不经常不认真");
    await symptom.fill("支部“三会一课”记录由专人补写，党员签到与实际不符");
    await chooseOption(page, page.getByTestId("problem-form-source-type"), "督导检查");
    await inputOf(page.getByTestId("problem-form-title")).fill(title);
    await inputOf(page.getByTestId("problem-form-description")).fill(
      "督导组抽查发现，部分村党支部组织生活记录系事后补写，存在走过场现象。",
    );
    await chooseOption(page, page.getByTestId("problem-form-rectify-type"), "限期整改");
    await inputOf(page.getByTestId("problem-form-target")).fill("组织生活按时规范开展，记录真实完整");
    await inputOf(page.getByTestId("problem-form-acceptance")).fill(
      "抽查记录与影像资料一致，群众满意率不低于90%",
    );
    const saved = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/problems",
    );
    await page.getByTestId("problem-form-submit").click();
    const res = await saved;
    expect(res.status()).toBe(200);
    const { data } = (await res.json()) as { data: { id: string; code: string } };
    await page.waitForURL(`**/problems/${data.id}`);
    await expectText(page.getByTestId("problem-code"), data.code);
    await expectText(page.getByTestId("problem-title"), title);
    await expectStatus(page, "registered");
    return { id: data.id, code: data.code, title };
  }

  /**
   * The office's part of the loop, from registration to the ballot codes, each user in turn at
   * `page`; leaves 整改办 signed in and returns the links of the two codes.
   */
  async function rectifyUpToBallots(page: Page, title: string) {
    // 整改办 registers the problem and assigns it to 南宁市
    await handTo(page, "zgb");
    const problem = await registerProblem(page, title);
    await openModal(page, page.getByTestId("action-editRemarks"));
    await inputOf(page.getByTestId("remarks-text")).fill("省委巡视反馈问题第3条");
    await submitModal(page, "/remarks");
    await expectText(page.getByTestId("problem-remarks"), "省委巡视反馈问题第3条");
    await openModal(page, page.getByTestId("action-assign"));
    await chooseOption(page, page.getByTestId("assign-lead-org"), `${CITY.name}（${CITY.code}）`, CITY.name);
    await pickDate(page.getByTestId("assign-deadline"), daysFromToday(60));
    await submitModal(page, "/assign");
    await expectStatus(page, "assigned");

    // 南宁市 finds it among its to-dos, acknowledges it, adds a measure and hands it to two districts
    await handTo(page, "nanning");
    await openFromTodos(page, problem);
    await openModal(page, page.getByTestId("action-acknowledge"));
    await submitModal(page, "/acknowledge");
    await expectStatus(page, "rectifying");

    await openModal(page, page.getByTestId("action-addMeasure"));
    await inputOf(page.getByTestId("measure-title")).fill("逐支部核查组织生活记录，建立整改台账");
    await pickDate(page.getByTestId("measure-deadline"), daysFromToday(30));
    await submitModal(page, "/measures");
    await page.getByTestId("measure-1").waitFor();

    await openModal(page, page.getByTestId("measure-decompose-1"));
    for (const county of COUNTIES) {
      const pick = page.getByTestId(`decompose-child-${county}`);
      await pick.click();
      await expect.poll(() => pick.getAttribute("class")).toContain("checkable-checked");
    }
    await submitModal(page, /^\/api\/v1\/measures\/[^/]+\/tasks$/);
    for (const county of COUNTIES) {
      const task = page.getByTestId(`task-${county}`);
      await task.waitFor();
      expect(await task.getAttribute("data-status")).toBe("pending");
    }
    expect(await page.getByTestId("problem-progress").getAttribute("data-percent")).toBe("0");

    // 兴宁区 reports its task done, with a photo; 青秀区's task is not its to report
    await handTo(page, "xingning");
    await openFromTodos(page, problem);
    const xingning = page.getByTestId("task-兴宁区");
    await openModal(page, xingning.getByTestId("task-report"));
    expect(await page.getByTestId("task-青秀区").getByTestId("task-report").count()).toBe(0);
    await inputOf(page.getByTestId("report-percent")).fill("100");
    await inputOf(page.getByTestId("report-text")).fill("已完成全部12个支部的记录核查，补正问题记录3处");
    await page.getByTestId("evidence-upload").setInputFiles(photo);
    await page.locator(".ant-upload-list-item-done", { hasText: PHOTO_NAME }).waitFor();
    await submitModal(page, "/reports");
    await expect.poll(() => xingning.getAttribute("data-status")).toBe("done_reported");
    await expectText(xingning.locator("[data-status]").first(), "已报完成");
    expect(await page.getByTestId("problem-progress").getAttribute("data-percent")).toBe("50");

    // 青秀区 reports its own
    await handTo(page, "qingxiu");
    await openFromTodos(page, problem);
    const qingxiu = page.getByTestId("task-青秀区");
    await openModal(page, qingxiu.getByTestId("task-report"));
    await inputOf(page.getByTestId("report-percent")).fill("100");
    await inputOf(page.getByTestId("report-text")).fill("各支部组织生活已按规范重新开展并留存影像");
    await submitModal(page, "/reports");
    await expect.poll(() => qingxiu.getAttribute("data-status")).toBe("done_reported");
    expect(await page.getByTestId("problem-progress").getAttribute("data-percent")).toBe("100");

    // 南宁市 (the two tasks wait for it to accept them) asks to close the problem, with the photo
    // from the reports already picked as evidence
    await handTo(page, "nanning");
    await openFromTodos(page, problem);
    await openModal(page, page.getByTestId("action-requestCloseOut"));
    await inputOf(page.getByTestId("closeout-summary")).fill(
      "两个城区共核查支部23个，补正记录问题5处，组织生活已规范开展，申请销号。",
    );
    await page
      .getByTestId("closeout-report-files")
      .locator(".ant-checkbox-wrapper-checked", { hasText: PHOTO_NAME })
      .waitFor();
    await submitModal(page, "/request-closeout");
    await expectStatus(page, "closeout_requested");

    // 督导组 approves with all six points met
    await handTo(page, "ddz");
    await openFromTodos(page, problem);
    const review = await openModal(page, page.getByTestId("action-review"));
    for (const key of REVIEW_CHECKS) await page.getByTestId(`check-${key}`).click();
    await expect
      .poll(() => review.locator(".ant-checkbox-wrapper-checked").count())
      .toBe(REVIEW_CHECKS.length);
    await page.getByTestId("review-approve").click();
    await submitModal(page, "/review");
    await expectStatus(page, "public_review");

    // 整改办 issues two one-time ballot codes
    await handTo(page, "zgb");
    await openFromTodos(page, problem);
    await openModal(page, page.getByTestId("action-issueBallots"));
    await inputOf(page.getByTestId("ballot-count")).fill("2");
    const issued = page.waitForResponse((r) => r.url().endsWith(`/problems/${problem.id}/ballot-tokens`));
    await page.getByTestId("modal-submit").click();
    expect((await issued).status()).toBe(200);
    const links = page.getByTestId("ballot-tokens").getByTestId("ballot-link");
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(2);
    for (const href of hrefs) expect(new URL(href).pathname).toBe("/ballot");
    await page.getByTestId("ballot-close").click();
    await expectHidden(page.getByTestId("ballot-tokens"));

    return { problem, ballots: hrefs };
  }

  /** Votes with a code on the phone and waits for the thank-you screen. */
  async function vote(phone: Page, link: string, title: string, choice: BallotChoice, comment?: string) {
    await phone.goto(link);
    await expectText(phone.getByTestId("ballot-title"), title);
    // made for the phone: nothing spills over the side of the screen
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_VIEWPORT.width,
    );
    const button = phone.getByTestId(`ballot-choice-${choice}`);
    await button.click();
    expect(await button.getAttribute("aria-checked")).toBe("true");
    if (comment) await inputOf(phone.getByTestId("ballot-comment")).fill(comment);
    const cast = phone.waitForResponse((r) => r.url().endsWith("/api/v1/public/ballots"));
    await phone.getByTestId("ballot-submit").click();
    expect((await cast).status()).toBe(200);
    await expectText(phone.getByTestId("ballot-done"), "感谢您的评议！");
  }

  /** Takes a new problem to 已销号 through the API, as the demo users would in the browser. */
  async function closeThroughApi(title: string): Promise<Registered> {
    const { baseUrl, database } = app.server;
    const [zgb, nanning, ddz] = await Promise.all(
      ["zgb", "nanning", "ddz"].map((user) => apiSession(baseUrl, user)),
    );
    const orgs = new Map(
      (
        await database.db
          .selectFrom("orgs")
          .select(["id", "code"])
          .where("code", "in", [CITY.code, "450102"])
          .execute()
      ).map((o) => [o.code, o.id]),
    );
    const campaigns = await zgb.call<{ id: string; name: string }[]>("GET", "/api/v1/campaigns");
    const campaignId = campaigns.find((c) => c.name === CAMPAIGN)?.id;
    expect(campaignId).toBeTruthy();

    type Detail = {
      id: string;
      code: string;
      status: string;
      measures: { id: string; tasks: { id: string }[] }[];
    };
    const created = await zgb.call<Detail>("POST", "/api/v1/problems", {
      campaignId,
      sourceType: "supervision",
      title,
      description: "督导组抽查发现，部分村党支部组织生活记录系事后补写。",
      rectifyType: "deadline",
      target: "组织生活按时规范开展，记录真实完整",
      acceptanceStandard: "抽查记录与影像资料一致，群众满意率不低于90%",
    });
    const at = `/api/v1/problems/${created.id}`;
    await zgb.call("POST", `${at}/assign`, { leadOrgId: orgs.get(CITY.code), deadline: daysFromToday(60) });
    await nanning.call("POST", `${at}/acknowledge`);
    const measured = await nanning.call<Detail>("POST", `${at}/measures`, {
      title: "逐支部核查组织生活记录",
      deadline: daysFromToday(30),
    });
    const decomposed = await nanning.call<Detail>(
      "POST",
      `/api/v1/measures/${measured.measures[0].id}/tasks`,
      {
        tasks: [{ orgId: orgs.get("450102") }],
      },
    );
    const photoId = await nanning.upload(PHOTO_NAME, PNG);
    await nanning.call("POST", `/api/v1/tasks/${decomposed.measures[0].tasks[0].id}/reports`, {
      percent: 100,
      text: "整改完成",
      attachmentIds: [photoId],
    });
    await nanning.call("POST", `${at}/request-closeout`, {
      summary: "组织生活已规范开展，申请销号。",
      attachmentIds: [photoId],
    });
    await ddz.call("POST", `${at}/review`, {
      decision: "approve",
      checklist: Object.fromEntries(REVIEW_CHECKS.map((k) => [k, true])),
    });
    const { tokens } = await zgb.call<{ tokens: { token: string }[] }>("POST", `${at}/ballot-tokens`, {
      count: 1,
    });
    const cast = await fetch(`${baseUrl}/api/v1/public/ballots`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: tokens[0].token, choice: "satisfied" }),
    });
    expect(cast.status).toBe(200);
    const closed = await zgb.call<Detail>("GET", at);
    expect(closed.status).toBe("closed");
    return { id: created.id, code: created.code, title };
  }

  it("a problem goes from registration through districts, review and two ballots to 已销号", {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const page = await app.newPage();
    const title = "村党支部组织生活记录补写问题（闭环甲）";
    const { problem, ballots } = await rectifyUpToBallots(page, title);

    const phone = await app.newPage(undefined, PHONE_VIEWPORT);
    await vote(phone, ballots[0], title, "satisfied", "支部活动现在正常开展了");
    await vote(phone, ballots[1], title, "basically_satisfied");

    // a used code cannot vote again
    await phone.goto(ballots[0]);
    await expectText(phone.getByTestId("ballot-error"), /已经投过票/);
    expect(await phone.getByTestId("ballot-submit").count()).toBe(0);

    // the last ballot closed the review: 100 % satisfied, so the ledger shows the problem closed…
    const row = await findInLedger(page, problem);
    await expectText(row, /已销号/);
    // …and so does the problem, as rectified and never reopened
    await openFromLedger(page, problem, row);
    await expectStatus(page, "closed");
    await expectText(page.getByTestId("problem-closure-kind"), "已整改");
    await expectText(page.getByTestId("problem-reopen-count"), "0");
    expect(await page.getByTestId("problem-satisfaction").getAttribute("data-rate")).toBe("1");
  });

  it("a failed public review (满意 + 不满意) sends the problem back to 整改中 with one reopen", {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const page = await app.newPage();
    const title = "村党支部组织生活记录补写问题（闭环乙）";
    const { problem, ballots } = await rectifyUpToBallots(page, title);

    const phone = await app.newPage(undefined, PHONE_VIEWPORT);
    await vote(phone, ballots[0], title, "satisfied");
    await vote(phone, ballots[1], title, "dissatisfied", "会议还是走过场");

    // 50 % is below the 90 % threshold: back to work, counted as reopened
    const row = await findInLedger(page, problem);
    await expectText(row, /整改中/);
    await openFromLedger(page, problem, row);
    await expectStatus(page, "rectifying");
    await expectText(page.getByTestId("problem-reopen-count"), "1");
    expect(await page.getByTestId("problem-satisfaction").getAttribute("data-rate")).toBe("0.5");
    expect(await page.getByTestId("problem-closure-kind").count()).toBe(0);
  });

  it("回头看 finds a relapse in a closed problem and puts it back on the books", async () => {
    const problem = await closeThroughApi("村党支部组织生活记录补写问题（回头看）");

    const page = await app.newPage();
    await loginAs(page, "zgb");
    await openFromLedger(page, problem, await findInLedger(page, problem));
    await expectStatus(page, "closed");
    await expectText(page.getByTestId("problem-reopen-count"), "0");

    await openModal(page, page.getByTestId("action-followUp"));
    await page.getByTestId("followup-relapse").click();
    await inputOf(page.getByTestId("followup-note")).fill("回访发现两个支部又出现补写记录现象");
    await submitModal(page, "/follow-up");
    await expectStatus(page, "rectifying");
    await expectText(page.getByTestId("problem-reopen-count"), "1");
    expect(await page.getByTestId("problem-closure-kind").count()).toBe(0);
    expect(await page.getByTestId("action-followUp").count()).toBe(0);
  });
});
