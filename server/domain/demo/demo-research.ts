import type { OrgUnitType } from "../../../contract/enums.ts";
import type { CreateResearchInput } from "../../../contract/schemas/research.ts";
import { type Ctx, withActor } from "../../context.ts";
import { loadActor } from "../auth/session.queries.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { createOrg } from "../orgs/org.commands.ts";
import { convertResearchFinding } from "../research/finding.commands.ts";
import { createResearchVisit, updateResearchVisit } from "../research/research.commands.ts";

type Unit = [name: string, type: OrgUnitType];

/**
 * Where the regional leader went in 2026, county by county: the town and village visited (codes of
 * the demo tree, 南宁 and 柳州 only) and the units — parks, enterprises, hospitals, schools,
 * communities — created under the county (or its town) for the demo.
 */
const TRIPS: { county: string; town?: string; village?: string; units: Unit[] }[][] = [
  [
    {
      county: "450102",
      town: "450102101",
      village: "450102101201",
      units: [
        ["三塘镇三塘社区", "community"],
        ["兴宁区第一中学", "school"],
      ],
    },
    {
      county: "450103",
      town: "450103100",
      village: "450103100201",
      units: [
        ["青秀区中小企业产业园", "park"],
        ["青秀区人民医院", "hospital"],
      ],
    },
    {
      county: "450110",
      town: "450110100",
      village: "450110100201",
      units: [["武鸣区壮乡食品有限公司", "enterprise"]],
    },
    { county: "450126", town: "450126100", village: "450126100201", units: [["宾阳县实验学校", "school"]] },
  ],
  [
    {
      county: "450202",
      town: "450202001",
      village: "450202001001",
      units: [
        ["城中区滨江社区", "community"],
        ["柳州龙城汽车零部件有限公司", "enterprise"],
      ],
    },
    { county: "450206", town: "450206100", village: "450206100201", units: [["柳江区新兴工业园", "park"]] },
    {
      county: "450225",
      town: "450225100",
      village: "450225100201",
      units: [
        ["融水苗族自治县人民医院", "hospital"],
        ["融水苗族自治县民族中学", "school"],
      ],
    },
    {
      county: "450226",
      town: "450226100",
      village: "450226100201",
      units: [["三江侗族自治县侗茶有限公司", "enterprise"]],
    },
  ],
  [
    {
      county: "450321",
      units: [
        ["阳朔县旅游产业园", "park"],
        ["阳朔中学", "school"],
        ["阳朔县人民医院", "hospital"],
      ],
    },
    {
      county: "450328",
      units: [
        ["龙胜各族自治县龙脊社区", "community"],
        ["龙胜各族自治县梯田农业有限公司", "enterprise"],
      ],
    },
    {
      county: "450422",
      units: [
        ["藤县陶瓷有限公司", "enterprise"],
        ["藤县人民医院", "hospital"],
        ["藤县中学", "school"],
      ],
    },
    {
      county: "450481",
      units: [
        ["岑溪市石材产业园", "park"],
        ["岑溪市岑城社区", "community"],
      ],
    },
  ],
  [
    {
      county: "450521",
      units: [
        ["合浦县海产品加工有限公司", "enterprise"],
        ["合浦县人民医院", "hospital"],
        ["合浦县廉州中学", "school"],
      ],
    },
    {
      county: "451022",
      units: [
        ["田东县芒果产业园", "park"],
        ["田东县铝业有限公司", "enterprise"],
      ],
    },
    {
      county: "451081",
      units: [
        ["靖西市人民医院", "hospital"],
        ["靖西市第一中学", "school"],
      ],
    },
  ],
];

const VISITS = [
  {
    topic: "乡村振兴与基层党组织建设调研",
    startsOn: "2026-03-10",
    endsOn: "2026-03-12",
    householdsVisited: 6,
    householdsConsoled: 3,
    households: [
      { kind: "consoled" as const, name: "三塘村 黄某某", note: "因病致贫" },
      { kind: "consoled" as const, name: "团黄村 韦某某", note: "独居老人" },
      { kind: "consoled" as const, name: "五海村 覃某某" },
    ],
    symposium: {
      heldOn: "2026-03-11",
      place: "青秀区刘圩镇会议室",
      groups: ["村党组织书记", "驻村第一书记", "群众代表"],
      participantCount: 16,
    },
    findings: ["部分村级活动场所长期闲置，管理制度未上墙", "村集体经济收入来源单一，增收渠道窄"],
    suggestions: ["建立村级集体经济收入台账，按季度通报"],
  },
  {
    topic: "工业园区营商环境与民生保障调研",
    startsOn: "2026-04-20",
    endsOn: "2026-04-22",
    householdsVisited: 4,
    householdsConsoled: 2,
    households: [
      { kind: "consoled" as const, name: "红光村 潘某某" },
      { kind: "consoled" as const, name: "大竹村 杨某某", note: "因灾致贫" },
    ],
    symposium: {
      heldOn: "2026-04-21",
      place: "柳江区新兴工业园",
      groups: ["企业负责人", "园区管委会"],
      participantCount: 12,
    },
    findings: ["园区企业反映审批事项多头跑、办理时限长"],
    suggestions: ["推行园区项目审批“一窗通办”"],
  },
  {
    topic: "医疗教育资源下沉情况调研",
    startsOn: "2026-06-15",
    endsOn: "2026-06-17",
    householdsVisited: 3,
    householdsConsoled: 2,
    households: [],
    symposium: {
      heldOn: "2026-06-16",
      place: "藤县人民医院",
      groups: ["医务人员", "教师代表", "患者家属"],
      participantCount: 14,
    },
    findings: ["县级医院专科医生缺口较大，乡镇卫生院人员流失"],
    suggestions: [],
  },
  {
    topic: "边境地区产业发展调研",
    startsOn: "2026-09-08",
    endsOn: "2026-09-10",
    householdsVisited: 2,
    householdsConsoled: 2,
    households: [],
    symposium: {
      heldOn: "2026-09-09",
      place: "靖西市委会议室",
      groups: ["乡镇党委书记", "企业负责人"],
      participantCount: 10,
    },
    findings: ["特色产业链条短，农产品精深加工不足"],
    suggestions: ["支持边境县建设农产品加工园区"],
  },
];

const empty = (orgId: string): Omit<CreateResearchInput, "topic" | "startsOn" | "endsOn"> => ({
  orgId,
  participants: [],
  siteOrgIds: [],
  methods: [],
  householdsVisited: 0,
  householdsConsoled: 0,
  households: [],
  symposia: [],
  suggestions: [],
  outcomes: [],
  findings: [],
});

/**
 * The demo's research register (调研): the regional leader's four visits of 2026 — to 6 cities, 15
 * counties and 45 sites, 9 households in difficulty consoled, 4 symposia — recorded by the regional
 * office, one finding turned into an assigned problem and one fixed on the spot (即知即改); and an
 * earlier visit of 2025 by a named official.
 */
export async function seedDemoResearch(
  ctx: Ctx,
  orgIdOf: (code: string) => string,
  userIdOf: (name: string) => string,
  campaignId: string,
) {
  const zgb = withActor(ctx, await loadActor(ctx, userIdOf("zgb")));
  const office = await ctx.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "=", "自治区整改办")
    .executeTakeFirst();
  const ownerId = office?.id ?? orgIdOf("450000");
  const visits = [];
  for (const [i, trip] of TRIPS.entries()) {
    const siteOrgIds: string[] = [];
    for (const stop of trip) {
      if (stop.town) siteOrgIds.push(orgIdOf(stop.town));
      if (stop.village) siteOrgIds.push(orgIdOf(stop.village));
      for (const [name, unitType] of stop.units) {
        const parentId = unitType === "community" && stop.town ? orgIdOf(stop.town) : orgIdOf(stop.county);
        siteOrgIds.push((await createOrg(ctx, { parentId, name, kind: "unit", unitType })).id);
      }
    }
    const v = VISITS[i];
    const input: CreateResearchInput = {
      ...empty(ownerId),
      topic: v.topic,
      leadUserId: userIdOf("leader"),
      leadTitle: "自治区领导",
      participants: ["自治区整改办", "自治区党委组织部", "自治区乡村振兴局"],
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      siteOrgIds,
      methods: ["site_visit", "household_visit", "symposium", "interview"],
      householdsVisited: v.householdsVisited,
      householdsConsoled: v.householdsConsoled,
      households: v.households,
      symposia: [v.symposium],
      summary: `${v.topic}：实地考察、入户走访并召开座谈会，形成调研报告。`,
      suggestions: v.suggestions,
      findings: v.findings.map((text) => ({ text })),
    };
    visits.push({ input, detail: await createResearchVisit(zgb, input) });
  }
  const [first, second] = visits;
  const assigned = await convertResearchFinding(zgb, {
    findingId: first.detail.findings[1].id,
    campaignId,
    leadOrgId: orgIdOf("450100"),
    deadline: shanghaiDate(new Date(ctx.now().getTime() + 60 * 86_400_000)),
  });
  await convertResearchFinding(zgb, {
    findingId: first.detail.findings[0].id,
    campaignId,
    fixedOnTheSpot: true,
    fixNote: "现场督促镇村两级清理闲置场所，管理制度当日上墙公示",
  });
  await convertResearchFinding(zgb, {
    findingId: second.detail.findings[0].id,
    campaignId,
    leadOrgId: orgIdOf("450200"),
    deadline: shanghaiDate(new Date(ctx.now().getTime() + 45 * 86_400_000)),
  });
  const problemId = assigned.findings.find((f) => f.problem)?.problem?.id;
  await updateResearchVisit(zgb, {
    ...first.input,
    visitId: first.detail.id,
    outcomes: [
      { kind: "rule", text: "出台村级活动场所管理办法", docNumber: "桂整改办〔2026〕5号" },
      {
        kind: "rectification",
        text: "村集体经济增收问题纳入整改台账",
        recordType: "problem",
        recordId: problemId,
      },
    ],
  });
  await createResearchVisit(zgb, {
    ...empty(ownerId),
    topic: "软弱涣散村党组织整顿回访",
    leadName: "韦副主任",
    leadTitle: "自治区整改办副主任",
    startsOn: "2025-11-18",
    endsOn: "2025-11-19",
    siteOrgIds: [orgIdOf("450102101201")],
    methods: ["site_visit", "symposium"],
    householdsConsoled: 1,
    symposia: [{ heldOn: "2025-11-18", place: "三塘镇会议室", groups: ["村两委干部"], participantCount: 9 }],
  });
}
