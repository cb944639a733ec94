import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { listProblems } from "../problems/ledger.queries.ts";
import { getProblemDetail } from "../problems/problem.view.ts";
import { convertFindingToProblem, recordSupervisionActivity, titleFromText } from "./activity.commands.ts";
import {
  createSupervisionGroup,
  setSupervisionContactPoints,
  updateSupervisionGroup,
} from "./group.commands.ts";
import { getGroupDetail, listGroups } from "./group.queries.ts";

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

describe("supervision group member scope", () => {
  it("lets a member read the contact point's problems during the period, never 柳州's, and nothing outside it", async () => {
    const nanning = await buildProblem(t, {
      owner: "450100",
      lead: "450102",
      stage: "tasked",
      title: "南宁的问题",
    });
    const liuzhou = await buildProblem(t, {
      owner: "450200",
      lead: "450202",
      stage: "tasked",
      title: "柳州的问题",
    });
    const { member, group } = await setup();

    const during = await t.ctxFor(member);
    expect(during.actor.grants).toEqual([
      expect.objectContaining({ role: "supervisor", orgId: t.org("450100").id, via: "supervision_group" }),
    ]);
    const seen = (await listProblems(during, { limit: 200 })).data.map((p) => p.id);
    expect(seen).toContain(nanning.id);
    expect(seen).not.toContain(liuzhou.id);
    await expect(getProblemDetail(during, nanning.id)).resolves.toMatchObject({ id: nanning.id });
    await expect(getProblemDetail(during, liuzhou.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listGroups(during)).map((g) => g.id)).toEqual([group.id]);

    t.clock.set("2027-01-01T01:00:00.000Z"); // the period ended on 2026-12-31 (Shanghai)
    const after = await t.ctxFor(member);
    expect(after.actor.grants).toEqual([]);
    expect((await listProblems(after, { limit: 200 }).catch(() => ({ data: [] }))).data).toEqual([]);
    await expect(getProblemDetail(after, nanning.id)).rejects.toMatchObject({ code: "not_found" });
    // still a member: sees the group's own record, may no longer add to it
    await expect(getGroupDetail(after, group.id)).resolves.toMatchObject({ active: false });
    await expect(
      recordSupervisionActivity(after, {
        groupId: group.id,
        kind: "site_visit",
        heldOn: "2027-01-01",
        place: "兴宁区",
        participants: [],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("gives no scope before the period starts, and follows a change of contact points at once", async () => {
    const { ddz, member, group } = await setup({ startsOn: "2026-12-01", endsOn: "2026-12-31" });
    expect((await t.ctxFor(member)).actor.grants).toEqual([]);
    t.clock.set("2026-12-01T00:30:00.000Z"); // 08:30 in Shanghai on the first day
    expect((await t.ctxFor(member)).actor.grants.map((g) => g.orgPath)).toEqual([t.org("450100").path]);
    await setSupervisionContactPoints(await t.ctxFor(ddz), {
      groupId: group.id,
      orgIds: [t.org("450200").id],
    });
    expect((await t.ctxFor(member)).actor.grants.map((g) => g.orgPath)).toEqual([t.org("450200").path]);
  });

  it("refuses contact points outside the organiser's own scope and hands no derived scope on", async () => {
    const cityLead = await t.build.user({ roles: [["supervisor", "450100"]] });
    const org = await t.build.org({ parentCode: "450100" });
    await expect(
      createSupervisionGroup(await t.ctxFor(cityLead), {
        name: "市督导组",
        dispatchOrgId: org.id,
        leaderUserId: cityLead.id,
        contactPointOrgIds: [t.org("450200").id],
        startsOn: "2026-11-01",
        endsOn: "2026-12-31",
        plan: "",
      }),
    ).rejects.toMatchObject({ code: "org_outside_scope", fields: [{ field: "contactPointOrgIds/0" }] });
    const { member, group } = await setup();
    // a member acting through the group cannot manage it or spread its scope
    await expect(
      setSupervisionContactPoints(await t.ctxFor(member), {
        groupId: group.id,
        orgIds: [t.org("450100").id],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateSupervisionGroup(await t.ctxFor(member), { groupId: group.id, endsOn: "2020-01-01" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("findings", () => {
  it("become a problem in one step, linked back, with each step audited in one transaction", async () => {
    const { ddz, member, group } = await setup();
    const coordinator = await t.build.user({ roles: [["coordinator", "450000"]] });
    const campaign = await t.build.campaign();
    const recorded = await recordSupervisionActivity(await t.ctxFor(member), {
      groupId: group.id,
      kind: "site_visit",
      heldOn: "2026-11-20",
      place: "兴宁区五塘镇",
      placeOrgId: t.org("450102").id,
      participants: ["督导组全体成员", "兴宁区委组织部"],
      findings: [{ text: "村级活动场所长期闲置。制度未上墙", orgId: t.org("450102").id }],
    });
    const finding = recorded.activities[0].findings[0];
    expect(finding.seqNo).toBe(1);
    const before = await t.database.db.selectFrom("auditEvents").select("seq").execute();

    // refused conversions leave nothing behind: the supervisor may not register, an unknown lead unit fails late
    await expect(
      convertFindingToProblem(await t.ctxFor(ddz), {
        groupId: group.id,
        findingId: finding.id,
        campaignId: campaign.id,
        leadOrgId: t.org("450102").id,
        deadline: "2026-12-31",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      convertFindingToProblem(await t.ctxFor(coordinator), {
        groupId: group.id,
        findingId: finding.id,
        campaignId: campaign.id,
        leadOrgId: "no-such-org",
        deadline: "2026-12-31",
      }),
    ).rejects.toMatchObject({ code: "org_outside_scope" });
    expect(await t.database.db.selectFrom("problems").select("id").execute()).toEqual([]);
    expect((await t.database.db.selectFrom("auditEvents").select("seq").execute()).length).toBe(
      before.length,
    );

    const after = await convertFindingToProblem(await t.ctxFor(coordinator), {
      groupId: group.id,
      findingId: finding.id,
      campaignId: campaign.id,
      categoryId: campaign.categories[0].id,
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    const linked = after.activities[0].findings[0].problem;
    expect(linked).toMatchObject({ status: "assigned" });
    const problem = await getProblemDetail(await t.ctxFor(coordinator), linked!.id);
    expect(problem).toMatchObject({
      sourceType: "supervision",
      title: titleFromText(finding.text),
      leadOrgId: t.org("450102").id,
      deadline: "2026-12-31",
    });
    const events = await t.database.db
      .selectFrom("auditEvents")
      .select(["type", "dataJson"])
      .where("seq", ">", before.length)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "problem.registered",
      "problem.assigned",
      "supervision_finding.converted",
    ]);
    expect(JSON.parse(events[2].dataJson)).toMatchObject({ findingId: finding.id, problemId: linked!.id });
    // the member sees the problem they found: it is led within their contact point
    await expect(getProblemDetail(await t.ctxFor(member), linked!.id)).resolves.toMatchObject({
      id: linked!.id,
    });
    await expect(
      convertFindingToProblem(await t.ctxFor(coordinator), {
        groupId: group.id,
        findingId: finding.id,
        campaignId: campaign.id,
        leadOrgId: t.org("450102").id,
        deadline: "2026-12-31",
      }),
    ).rejects.toMatchObject({ code: "finding_already_converted" });
  });
});
