import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OrgUnitType } from "../../../contract/enums.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { createOrg } from "../orgs/org.commands.ts";
import { getProblemDetail } from "../problems/problem.view.ts";
import { convertResearchFinding } from "./finding.commands.ts";
import { createResearchVisit, recordResearchFinding, updateResearchVisit } from "./research.commands.ts";
import { getResearchDetail, listResearch } from "./research.queries.ts";
import { researchStatistics } from "./research.stats.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

const unit = async (parentCode: string, name: string, unitType: OrgUnitType) =>
  createOrg(t.sys, { parentId: t.org(parentCode).id, name, kind: "unit", unitType });

/** A town with a village and a community under 兴宁区, and units in 南宁 and 柳州. */
async function places() {
  const town = await createOrg(t.sys, {
    parentId: t.org("450102").id,
    name: "五塘镇",
    kind: "region",
    level: "town",
    code: "450102100",
  });
  const village = await createOrg(t.sys, {
    parentId: town.id,
    name: "六村村",
    kind: "region",
    level: "village",
    code: "450102100201",
  });
  const community = await createOrg(t.sys, {
    parentId: town.id,
    name: "五塘社区",
    kind: "unit",
    unitType: "community",
  });
  return {
    town,
    village,
    community,
    park: await unit("450102", "兴宁产业园", "park"),
    school: await unit("450103", "青秀区第一中学", "school"),
    hospital: await unit("450202", "城中区人民医院", "hospital"),
    enterprise: await unit("450202", "柳州螺蛳粉厂", "enterprise"),
  };
}

const visit = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId,
  topic: "基层党组织建设调研",
  leadName: "王厅长",
  leadTitle: "自治区党委组织部副部长",
  participants: ["组织部调研组"],
  startsOn: "2026-03-02",
  endsOn: "2026-03-04",
  siteOrgIds: [] as string[],
  methods: ["site_visit", "symposium"] as ("site_visit" | "symposium")[],
  householdsVisited: 0,
  householdsConsoled: 0,
  households: [],
  symposia: [],
  suggestions: [],
  outcomes: [],
  findings: [],
  ...over,
});

describe("createResearchVisit", () => {
  it("records sites, households and symposia, and shows each site with its kind, city and county", async () => {
    const p = await places();
    const zgb = await t.build.user({ roles: [["coordinator", "450100"]] });
    const leader = await t.build.user({ roles: [["leader", "450000"]], username: "lingdao" });
    const detail = await createResearchVisit(
      await t.ctxFor(zgb),
      visit(t.org("450100").id, {
        leadUserId: leader.id,
        leadName: undefined,
        siteOrgIds: [p.town.id, p.village.id, p.park.id, p.school.id],
        householdsVisited: 4,
        householdsConsoled: 2,
        households: [
          { kind: "consoled", name: "黄某某", place: "六村村", note: "因病致贫" },
          { kind: "consoled", name: "韦某某" },
        ],
        symposia: [
          {
            heldOn: "2026-03-03",
            place: "五塘镇会议室",
            groups: ["村党组织书记", "群众代表"],
            participantCount: 12,
          },
        ],
        suggestions: ["建立村级集体经济收入台账"],
        findings: [{ text: "部分村级活动场所闲置", orgId: p.village.id }],
      }),
    );
    expect(detail).toMatchObject({
      leadUserId: leader.id,
      leadName: "lingdao",
      siteCount: 4,
      householdsVisited: 4,
      householdsConsoled: 2,
      symposiumCount: 1,
      findingCount: 1,
      abilities: { manage: true, convert: true },
    });
    expect(detail.sites).toEqual([
      { id: p.town.id, name: "五塘镇", kind: "town", cityName: "南宁市", countyName: "兴宁区" },
      { id: p.village.id, name: "六村村", kind: "village", cityName: "南宁市", countyName: "兴宁区" },
      { id: p.park.id, name: "兴宁产业园", kind: "park", cityName: "南宁市", countyName: "兴宁区" },
      { id: p.school.id, name: "青秀区第一中学", kind: "school", cityName: "南宁市", countyName: "青秀区" },
    ]);
    expect(detail.households[0]).toEqual({
      kind: "consoled",
      name: "黄某某",
      place: "六村村",
      note: "因病致贫",
    });
    expect(detail.symposia[0]).toMatchObject({
      seqNo: 1,
      groups: ["村党组织书记", "群众代表"],
      participantCount: 12,
    });
    expect(detail.findings[0]).toMatchObject({ seqNo: 1, orgName: "六村村", problem: null });
    const events = await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("entityId", "=", detail.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(["research.created"]);
  });

  it("needs a leading official and a period that does not end before it starts, writing nothing otherwise", async () => {
    const zgb = await t.build.user({ roles: [["coordinator", "450100"]] });
    const ctx = await t.ctxFor(zgb);
    await expect(
      createResearchVisit(ctx, visit(t.org("450100").id, { leadName: undefined })),
    ).rejects.toMatchObject({ code: "research_lead_required" });
    await expect(
      createResearchVisit(ctx, visit(t.org("450100").id, { endsOn: "2026-03-01" })),
    ).rejects.toMatchObject({ code: "period_invalid" });
    await expect(
      createResearchVisit(ctx, visit(t.org("450100").id, { siteOrgIds: [t.org("450202").id] })),
    ).rejects.toMatchObject({ code: "org_outside_scope" });
    expect(await t.database.db.selectFrom("researchVisits").select("id").execute()).toEqual([]);
  });
});

describe("research scope", () => {
  it("keeps 南宁's records from 柳州's coordinator (404) and shows them to the coordinators above", async () => {
    const nanning = await t.build.user({ roles: [["coordinator", "450100"]] });
    const liuzhou = await t.build.user({ roles: [["coordinator", "450200"]] });
    const region = await t.build.user({ roles: [["coordinator", "450000"]] });
    const staff = await t.build.user({ roles: [["unit_lead", "450100"]] });
    const campaign = await t.build.campaign({ owner: "450100" });
    const v = await createResearchVisit(
      await t.ctxFor(nanning),
      visit(t.org("450100").id, { findings: [{ text: "台账不全" }] }),
    );
    const lz = await t.ctxFor(liuzhou);
    await expect(getResearchDetail(lz, v.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateResearchVisit(lz, { visitId: v.id, ...visit(t.org("450100").id) }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(recordResearchFinding(lz, { visitId: v.id, text: "新发现" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      convertResearchFinding(lz, {
        findingId: v.findings[0].id,
        campaignId: campaign.id,
        fixedOnTheSpot: true,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listResearch(lz)).toEqual([]);
    expect((await listResearch(await t.ctxFor(region))).map((r) => r.id)).toEqual([v.id]);
    await expect(getResearchDetail(await t.ctxFor(region), v.id)).resolves.toMatchObject({ id: v.id });
    await expect(listResearch(await t.ctxFor(staff))).rejects.toMatchObject({ code: "forbidden" });
    expect((await researchStatistics(lz, {})).totals.visits).toBe(0);
  });
});

describe("convertResearchFinding", () => {
  it("turns a finding into an assigned problem that links back to the visit, once", async () => {
    const zgb = await t.build.user({ roles: [["coordinator", "450100"]] });
    const ctx = await t.ctxFor(zgb);
    const campaign = await t.build.campaign({ owner: "450100" });
    const v = await createResearchVisit(
      ctx,
      visit(t.org("450100").id, { findings: [{ text: "村级集体经济薄弱。收入来源单一" }] }),
    );
    const after = await convertResearchFinding(ctx, {
      findingId: v.findings[0].id,
      campaignId: campaign.id,
      fixedOnTheSpot: false,
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    const problem = after.findings[0].problem;
    expect(problem).toMatchObject({ status: "assigned", rectifyType: "deadline", title: "村级集体经济薄弱" });
    expect(after.problemCount).toBe(1);
    const detail = await getProblemDetail(ctx, problem?.id as string);
    expect(detail).toMatchObject({ sourceType: "research", leadOrgId: t.org("450102").id });
    expect(detail.source).toMatchObject({
      type: "research_finding",
      id: v.findings[0].id,
      parentId: v.id,
      text: "1. 村级集体经济薄弱。收入来源单一",
      readable: true,
    });
    await expect(
      convertResearchFinding(ctx, {
        findingId: v.findings[0].id,
        campaignId: campaign.id,
        fixedOnTheSpot: true,
      }),
    ).rejects.toMatchObject({ code: "research_finding_converted" });
  });

  it("creates a finding fixed on the spot (即知即改) closed: immediate, rectified, audited", async () => {
    const zgb = await t.build.user({ roles: [["coordinator", "450100"]] });
    const ctx = await t.ctxFor(zgb);
    const campaign = await t.build.campaign({ owner: "450100" });
    const v = await createResearchVisit(
      ctx,
      visit(t.org("450100").id, { findings: [{ text: "制度未上墙" }] }),
    );
    const after = await convertResearchFinding(ctx, {
      findingId: v.findings[0].id,
      campaignId: campaign.id,
      fixedOnTheSpot: true,
      fixNote: "当场督促上墙公示",
    });
    expect(after.findings[0]).toMatchObject({ fixedOnTheSpot: true });
    const p = await getProblemDetail(ctx, after.findings[0].problem?.id as string);
    expect(p).toMatchObject({
      status: "closed",
      rectifyType: "immediate",
      closureKind: "rectified",
      closeoutSummary: "当场督促上墙公示",
    });
    const types = (
      await t.database.db
        .selectFrom("auditEvents")
        .select("type")
        .where("entityId", "=", p.id)
        .orderBy("seq")
        .execute()
    ).map((e) => e.type);
    expect(types).toEqual(["problem.registered", "problem.fixed_on_the_spot"]);
  });

  it("needs a lead unit and a deadline unless fixed on the spot, and leaves nothing behind", async () => {
    const zgb = await t.build.user({ roles: [["coordinator", "450100"]] });
    const ctx = await t.ctxFor(zgb);
    const campaign = await t.build.campaign({ owner: "450100" });
    const v = await createResearchVisit(ctx, visit(t.org("450100").id, { findings: [{ text: "问题" }] }));
    await expect(
      convertResearchFinding(ctx, {
        findingId: v.findings[0].id,
        campaignId: campaign.id,
        fixedOnTheSpot: false,
      }),
    ).rejects.toMatchObject({ code: "research_convert_needs_assignment" });
    expect(await t.database.db.selectFrom("problems").select("id").execute()).toEqual([]);
  });
});

describe("researchStatistics", () => {
  it("counts distinct cities, counties and sites by kind, households, symposia, findings and problems", async () => {
    const p = await places();
    const zgb = await t.build.user({ roles: [["coordinator", "450000"]] });
    const leader = await t.build.user({ roles: [["leader", "450000"]] });
    const ctx = await t.ctxFor(zgb);
    const campaign = await t.build.campaign({ owner: "450000" });
    const region = t.org("450000").id;
    const a = await createResearchVisit(
      ctx,
      visit(region, {
        leadUserId: leader.id,
        siteOrgIds: [p.town.id, p.village.id, p.park.id, p.school.id],
        householdsVisited: 3,
        householdsConsoled: 2,
        symposia: [
          { heldOn: "2026-03-03", place: "镇会议室", groups: [], participantCount: 10 },
          { heldOn: "2026-03-04", place: "园区", groups: [], participantCount: 8 },
        ],
        findings: [{ text: "发现一" }, { text: "发现二" }],
      }),
    );
    await createResearchVisit(
      ctx,
      visit(region, {
        leadUserId: leader.id,
        startsOn: "2026-06-10",
        endsOn: "2026-06-11",
        siteOrgIds: [p.park.id, p.hospital.id, p.enterprise.id, p.community.id],
        householdsConsoled: 1,
        symposia: [{ heldOn: "2026-06-10", place: "医院", groups: [], participantCount: 6 }],
        findings: [{ text: "发现三" }],
      }),
    );
    await createResearchVisit(
      ctx,
      visit(region, {
        leadName: "张处长",
        startsOn: "2026-07-01",
        endsOn: "2026-07-01",
        siteOrgIds: [p.enterprise.id],
        householdsConsoled: 5,
      }),
    );
    await createResearchVisit(
      ctx,
      visit(region, {
        leadUserId: leader.id,
        startsOn: "2025-12-01",
        endsOn: "2025-12-02",
        siteOrgIds: [p.school.id],
        householdsConsoled: 7,
      }),
    );
    await convertResearchFinding(ctx, {
      findingId: a.findings[0].id,
      campaignId: campaign.id,
      fixedOnTheSpot: false,
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    await convertResearchFinding(ctx, {
      findingId: a.findings[1].id,
      campaignId: campaign.id,
      fixedOnTheSpot: true,
    });

    const year = { from: "2026-01-01", to: "2026-12-31" };
    const mine = await researchStatistics(ctx, { ...year, leadUserId: leader.id });
    expect(mine.totals).toEqual({
      visits: 2,
      cities: 2,
      counties: 3,
      sites: 7,
      sitesByKind: {
        town: 1,
        village: 1,
        park: 1,
        enterprise: 1,
        hospital: 1,
        school: 1,
        community: 1,
        other: 0,
      },
      householdsVisited: 3,
      householdsConsoled: 3,
      symposia: 3,
      findings: 3,
      fixedOnTheSpot: 1,
      problems: 2,
      problemsByStatus: { assigned: 1, closed: 1 },
      problemsRectified: 1,
    });
    const all = await researchStatistics(ctx, year);
    expect(all.totals).toMatchObject({ visits: 3, sites: 7, householdsConsoled: 8, cities: 2, counties: 3 });
    expect(all.byOfficial.map((o) => [o.leadName, o.figures.visits, o.figures.sites])).toEqual([
      ["王厅长", 2, 7],
      ["张处长", 1, 1],
    ]);
    const ever = await researchStatistics(ctx, {});
    expect(ever.totals).toMatchObject({ visits: 4, householdsConsoled: 15 });
    // a 南宁 coordinator sees none of these: they belong to the region
    const nanning = await t.ctxFor(await t.build.user({ roles: [["coordinator", "450100"]] }));
    expect((await researchStatistics(nanning, year)).totals.visits).toBe(0);
  });
});
