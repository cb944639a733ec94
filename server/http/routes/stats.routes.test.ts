import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  FigureView,
  StatsOverviewView,
  StatsRegionsView,
  StatsTrendView,
} from "../../../contract/schemas/stats.ts";
import { reviewCloseOut } from "../../domain/problems/closeout.commands.ts";
import { registerProblem, withdrawProblem } from "../../domain/problems/problem.commands.ts";
import { urgeProblem } from "../../domain/supervision/urging.commands.ts";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

/**
 * Hand-built ledger (clock in Asia/Shanghai weeks):
 *   week of 11-23 (registered 11-28): A 兴宁区 closed (rectified) · B 兴宁区 rectifying, urged ·
 *                                      D region, registered · E region, withdrawn as duplicate
 *   week of 11-30 (registered 12-03): C 柳州城中区 assigned · F 兴宁区 returned at review (退回重办)
 *   plus two registered items of one campaign, in its two categories.
 * Every deadline is 2026-12-31; figures are read on 2027-01-05, when B, C and F are overdue.
 */
let t: TestApp;
let leader: Awaited<ReturnType<TestApp["as"]>>;
let liuzhou: Awaited<ReturnType<TestApp["as"]>>;
let campaign: { id: string; categories: { id: string; name: string }[] };
const ALL_CHECKS = {
  factsClear: true,
  problemSolved: true,
  tasksDone: true,
  conclusionAccurate: true,
  compliant: true,
  formatCorrect: true,
};

beforeAll(async () => {
  t = await testApp();
  t.clock.set("2026-11-28T02:00:00.000Z");
  await buildProblem(t, { owner: "450000", lead: "450102", stage: "closed" });
  const b = await buildProblem(t, { owner: "450000", lead: "450102", stage: "rectifying" });
  await urgeProblem(t.sys, { problemId: b.id, method: "phone", note: "请加快进度" });
  await buildProblem(t, { owner: "450000", lead: "450102", stage: "registered" });
  const e = await buildProblem(t, { owner: "450000", lead: "450102", stage: "registered" });
  await withdrawProblem(t.sys, { problemId: e.id, kind: "duplicate", reason: "与已有问题重复" });
  t.clock.set("2026-12-03T02:00:00.000Z");
  await buildProblem(t, { owner: "450200", lead: "450202", stage: "assigned" });
  const f = await buildProblem(t, { owner: "450000", lead: "450102", stage: "closeout_requested" });
  await reviewCloseOut(t.sys, {
    problemId: f.id,
    decision: "reject",
    checklist: { ...ALL_CHECKS, problemSolved: false },
    reason: "整改不到位",
  });
  campaign = await t.build.campaign();
  for (const c of campaign.categories) {
    await registerProblem(t.sys, {
      campaignId: campaign.id,
      categoryId: c.id,
      sourceType: "opinion",
      title: `${c.name}问题`,
      description: "群众反映",
      rectifyType: "immediate",
      target: "立行立改",
      acceptanceStandard: "群众满意",
    });
  }
  t.clock.set("2027-01-05T02:00:00.000Z");
  await t.build.user({ username: "s_leader", roles: [["leader", "450000"]] });
  await t.build.user({ username: "s_liuzhou", roles: [["unit_lead", "450200"]] });
  leader = await t.as("s_leader");
  liuzhou = await t.as("s_liuzhou");
}, 60_000);
afterAll(() => t.close());

type Caller = typeof leader;
const qs = (filter: Record<string, unknown>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  }
  return p.toString();
};
const get = async <T>(call: Caller, url: string): Promise<T> => {
  const res = await call("GET", url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as T;
};
const count = (figures: FigureView[], key: string) => figures.find((f) => f.key === key)?.count;

/** Each figure's ledger link lists exactly as many rows as the figure says. */
async function expectLinksAgree(call: Caller, figures: FigureView[]) {
  for (const f of figures) {
    const res = await call("GET", `/api/v1/problems?limit=200&${qs(f.filter)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total, `${f.key} ${JSON.stringify(f.filter)}`).toBe(f.count);
  }
}
const overviewFigures = (o: StatsOverviewView) => [
  o.total,
  o.overdue,
  ...o.byStatus,
  ...o.byCategory,
  ...o.byLight,
  ...o.byRectifyType,
  ...o.bySourceType,
  ...o.byClosureKind,
  ...o.escalation,
];

describe("statistics overview", () => {
  it("counts the hand-built ledger by status, closure kind, overdue and escalation", async () => {
    const o = await get<StatsOverviewView>(leader, "/api/v1/stats/overview");
    expect(o.asOf).toBe("2027-01-05");
    expect(o.total.count).toBe(8);
    expect(count(o.byStatus, "closed")).toBe(2);
    expect(count(o.byStatus, "rectifying")).toBe(2);
    expect(count(o.byStatus, "assigned")).toBe(1);
    expect(count(o.byStatus, "registered")).toBe(3);
    expect(count(o.byClosureKind, "rectified")).toBe(1);
    expect(count(o.byClosureKind, "duplicate")).toBe(1);
    expect(count(o.byRectifyType, "immediate")).toBe(2);
    expect(count(o.bySourceType, "opinion")).toBe(2);
    expect(o.overdue.count).toBe(3);
    expect(count(o.escalation, "urging")).toBe(1);
    expect(count(o.escalation, "notice")).toBe(0);
    await expectLinksAgree(leader, overviewFigures(o));
  });

  it("counts a campaign's categories with their names", async () => {
    const o = await get<StatsOverviewView>(leader, `/api/v1/stats/overview?campaignId=${campaign.id}`);
    expect(o.total.count).toBe(2);
    expect(o.byCategory.map((f) => [f.label, f.count])).toEqual(campaign.categories.map((c) => [c.name, 1]));
    await expectLinksAgree(leader, overviewFigures(o));
  });

  it("counts the registration period and a lead unit's subtree", async () => {
    const week2 = await get<StatsOverviewView>(
      leader,
      "/api/v1/stats/overview?from=2026-11-30&to=2026-12-06",
    );
    expect(week2.total.count).toBe(4);
    const xingning = t.org("450102").id;
    const o = await get<StatsOverviewView>(leader, `/api/v1/stats/overview?orgId=${t.org("450100").id}`);
    expect(o.total.count).toBe(3);
    expect(o.total.filter.leadOrgId).toBe(t.org("450100").id);
    const x = await get<StatsOverviewView>(leader, `/api/v1/stats/overview?orgId=${xingning}`);
    expect(x.overdue.count).toBe(2);
    await expectLinksAgree(leader, [...overviewFigures(week2), ...overviewFigures(o)]);
  });

  it("shows 柳州 nothing of 南宁", async () => {
    const o = await get<StatsOverviewView>(liuzhou, "/api/v1/stats/overview");
    expect(o.total.count).toBe(1);
    expect(count(o.byStatus, "assigned")).toBe(1);
    expect(o.overdue.count).toBe(1);
    expect(count(o.escalation, "urging")).toBe(0);
    await expectLinksAgree(liuzhou, overviewFigures(o));
    const res = await liuzhou("GET", `/api/v1/stats/overview?orgId=${t.org("450100").id}`);
    expect(res.statusCode).toBe(404);
  });

  it("refuses a period that runs backwards, in zh-CN and en", async () => {
    const zh = await leader("GET", "/api/v1/stats/overview?from=2026-12-10&to=2026-12-01");
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({
      code: "stats_period_invalid",
      detail: "统计时段的开始日期不能晚于结束日期",
    });
    const en = await leader("GET", "/api/v1/stats/overview?from=2026-12-10&to=2026-12-01", undefined, "en");
    expect(en.json().detail).toBe("The period must not start after it ends");
  });

  it("refuses roles without the ledger", async () => {
    await t.build.user({ username: "s_admin", roles: [["admin", "450000"]] });
    const admin = await t.as("s_admin");
    expect((await admin("GET", "/api/v1/stats/overview")).statusCode).toBe(403);
  });
});

describe("statistics trend", () => {
  it("counts items registered, closed and returned per week", async () => {
    const tr = await get<StatsTrendView>(leader, "/api/v1/stats/trend?from=2026-11-23&to=2026-12-06");
    expect(
      tr.buckets.map((b) => [b.from, b.to, b.registered.count, b.closed.count, b.returned.count]),
    ).toEqual([
      ["2026-11-23", "2026-11-29", 4, 2, 0],
      ["2026-11-30", "2026-12-06", 4, 0, 1],
    ]);
    await expectLinksAgree(
      leader,
      tr.buckets.flatMap((b) => [b.registered, b.closed, b.returned]),
    );
  });

  it("reaches back twelve months by default and refuses more than sixty periods", async () => {
    const tr = await get<StatsTrendView>(leader, "/api/v1/stats/trend?unit=month");
    expect(tr.buckets).toHaveLength(12);
    expect(tr.to).toBe("2027-01-05");
    const dec = tr.buckets.find((b) => b.from === "2026-12-01");
    expect(dec?.registered.count).toBe(4);
    const res = await leader("GET", "/api/v1/stats/trend?unit=week&from=2020-01-01&to=2026-12-31");
    expect(res.json()).toMatchObject({ code: "stats_period_too_long" });
  });

  it("shows 柳州 only its own items", async () => {
    const tr = await get<StatsTrendView>(liuzhou, "/api/v1/stats/trend?from=2026-11-23&to=2026-12-06");
    expect(tr.buckets.map((b) => b.registered.count)).toEqual([0, 1]);
    expect(tr.buckets.map((b) => b.returned.count)).toEqual([0, 0]);
  });
});

describe("statistics by region", () => {
  const row = (r: StatsRegionsView, code: string) => r.rows.find((x) => x.code === code);

  it("counts the items each city and county leads, with drill-down", async () => {
    const cities = await get<StatsRegionsView>(leader, "/api/v1/stats/regions");
    expect(cities.org.code).toBe("450000");
    expect(cities.rows.filter((r) => r.level === "city")).toHaveLength(14);
    expect(row(cities, "450100")).toMatchObject({ hasChildren: true });
    expect([row(cities, "450100")?.total.count, row(cities, "450100")?.closed.count]).toEqual([3, 1]);
    expect(row(cities, "450100")?.overdue.count).toBe(2);
    expect(row(cities, "450200")?.total.count).toBe(1);
    expect(row(cities, "450300")?.total.count).toBe(0);
    const counties = await get<StatsRegionsView>(leader, "/api/v1/stats/regions?depth=2");
    expect(counties.rows.filter((r) => r.level === "county")).toHaveLength(111);
    expect(row(counties, "450102")?.total.count).toBe(3);
    const nanning = await get<StatsRegionsView>(leader, `/api/v1/stats/regions?orgId=${t.org("450100").id}`);
    expect(nanning.parentId).toBe(cities.org.id);
    expect(row(nanning, "450102")?.total.count).toBe(3);
    await expectLinksAgree(
      leader,
      [...cities.rows, ...nanning.rows].flatMap((r) => [r.total, r.closed, r.overdue]),
    );
  });

  it("starts 柳州 at 柳州, lets it look from the region down, and shows it nothing of 南宁", async () => {
    const own = await get<StatsRegionsView>(liuzhou, "/api/v1/stats/regions");
    expect(own.org.code).toBe("450200");
    expect(row(own, "450202")?.total.count).toBe(1);
    const region = await get<StatsRegionsView>(liuzhou, `/api/v1/stats/regions?orgId=${t.org("450000").id}`);
    expect(row(region, "450100")?.total.count).toBe(0);
    expect(row(region, "450200")?.total.count).toBe(1);
    await expectLinksAgree(
      liuzhou,
      region.rows.flatMap((r) => [r.total, r.closed, r.overdue]),
    );
    expect((await liuzhou("GET", `/api/v1/stats/regions?orgId=${t.org("450102").id}`)).statusCode).toBe(404);
  });
});
