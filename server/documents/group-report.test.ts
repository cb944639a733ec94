import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  convertFindingToProblem,
  recordSupervisionActivity,
  recordSupervisionFinding,
} from "../domain/groups/activity.commands.ts";
import { createSupervisionGroup } from "../domain/groups/group.commands.ts";
import { getGroupDetail, getGroupReportData } from "../domain/groups/group.queries.ts";
import { type TestDb, testDb } from "../test/support.ts";
import { renderSupervisionReport } from "./group-report.ts";

let t: TestDb;
beforeEach(async () => {
  t = await testDb();
});
afterEach(() => t.close());

/** A supervisor at the region, a member with no role of their own, and a group with 南宁 as contact point. */
async function setup(period = { startsOn: "2026-11-01", endsOn: "2026-12-31" }) {
  const ddz = await t.build.user({ roles: [["supervisor", "450000"]] });
  const member = await t.build.user({ roles: [], home: "450000" });
  const office = await t.build.org({ parentCode: "450000", name: "自治区整改办" });
  const group = await createSupervisionGroup(await t.ctxFor(ddz), {
    name: "自治区第一督导组",
    dispatchOrgId: office.id,
    leaderUserId: ddz.id,
    memberUserIds: [member.id],
    contactPointOrgIds: [t.org("450100").id],
    plan: "听取汇报、实地查看，重点督导软弱涣散村整顿。",
    ...period,
  });
  return { ddz, member, office, group };
}

describe("group report", () => {
  it("renders a .docx whose figures are computed from the activities and findings", async () => {
    const { ddz, group } = await setup();
    const coordinator = await t.build.user({ roles: [["coordinator", "450000"]] });
    const campaign = await t.build.campaign();
    const ctx = await t.ctxFor(ddz);
    const plan: [string, string, number][] = [
      ["site_visit", "兴宁区五塘镇", 2],
      ["site_visit", "青秀区南阳镇", 1],
      ["symposium", "南宁市委会议室", 0],
      ["site_visit", "兴宁区五塘镇", 1],
      ["spot_check", "西乡塘区", 0],
    ];
    for (const [kind, place, n] of plan) {
      await recordSupervisionActivity(ctx, {
        groupId: group.id,
        kind: kind as "site_visit",
        heldOn: "2026-11-21",
        place,
        participants: ["督导组"],
        findings: Array.from({ length: n }, (_, i) => ({ text: `${place}问题${i + 1}` })),
      });
    }
    const detail = await getGroupDetail(ctx, group.id);
    const activity = detail.activities.find((a) => a.place === "南宁市委会议室")!;
    await recordSupervisionFinding(ctx, { groupId: group.id, activityId: activity.id, text: "会议记录不全" });
    const all = (await getGroupDetail(ctx, group.id)).activities.flatMap((a) => a.findings);
    for (const f of all.slice(0, 2)) {
      await convertFindingToProblem(await t.ctxFor(coordinator), {
        groupId: group.id,
        findingId: f.id,
        campaignId: campaign.id,
        leadOrgId: t.org("450102").id,
        deadline: "2026-12-31",
      });
    }
    const data = await getGroupReportData(ctx, group.id);
    expect(data.figures).toMatchObject({ activities: 5, places: 4, findings: 5, converted: 2, closed: 0 });
    expect(data.figures.byKind).toMatchObject({ site_visit: 3, symposium: 1, spot_check: 1, briefing: 0 });

    const { fileName, bytes } = await renderSupervisionReport(data);
    expect(fileName).toBe("关于南宁市督导情况的报告.docx");
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("共开展活动 5 次，其中实地查看 3 次、座谈会 1 次、随机抽查 1 次，深入 4 个点位");
    expect(text).toContain("发现问题 5 个，已转为整改问题 2 个，3 个待转办");
    expect(text).toContain("会议记录不全（待转办）");
    const codes = await t.database.db.selectFrom("problems").select("code").execute();
    for (const { code } of codes) expect(text).toContain(`已转为整改问题 ${code}`);
  });
});
