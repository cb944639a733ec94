import type { Role } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { DomainError } from "../errors.ts";
import { createOrg, importDivisions } from "../orgs/org.commands.ts";
import { guangxiDivisions, guangxiTownsAndVillages } from "../orgs/org.data.ts";
import { findOrgByCode } from "../orgs/org.queries.ts";
import { createUser } from "../users/user.commands.ts";
import { seedDemoBodies } from "./demo-bodies.ts";
import { seedDemoCampaign } from "./demo-problems.ts";
import { seedDemoResearch } from "./demo-research.ts";

export const DEMO_PASSWORD = "Rectify-demo-2026";

const DEPARTMENTS = [
  "自治区整改办",
  "自治区党委组织部",
  "自治区纪委监委",
  "自治区党委宣传部",
  "自治区乡村振兴局",
];

/** The demo accounts: username, name, role, org code (README lists them). */
export const DEMO_ACCOUNTS: [string, string, Role, string][] = [
  ["admin", "系统管理员", "admin", "450000"],
  ["zgb", "整改办 韦主任", "coordinator", "450000"],
  ["ddz", "督导组 黄组长", "supervisor", "450000"],
  ["leader", "自治区 领导", "leader", "450000"],
  ["auditor", "纪检监察 覃审计", "auditor", "450000"],
  ["nanning", "南宁市 责任单位负责人", "unit_lead", "450100"],
  ["xingning", "兴宁区 经办人", "unit_staff", "450102"],
  ["qingxiu", "青秀区 经办人", "unit_staff", "450103"],
  ["liuzhou", "柳州市 责任单位负责人", "unit_lead", "450200"],
];

/** True when the database has no users yet (a fresh install). */
export async function isEmptyInstall(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the Guangxi tree with departments, the towns and villages of 南宁市 and 柳州市,
 * and the demo accounts; refused in production. Runs as one transaction.
 */
export async function seedDemo(ctx: Ctx): Promise<{ orgs: number; users: number }> {
  if (ctx.config.nodeEnv === "production") throw new DomainError("demo_refused_in_production");
  return inTx(ctx, async (ctx) => {
    let orgs = await importDivisions(ctx, [
      ...guangxiDivisions(),
      ...guangxiTownsAndVillages(["4501", "4502"]),
    ]);
    const region = await findOrgByCode(ctx, "450000");
    if (!region) throw new Error("the region was not imported");
    const existing = new Set(
      (await ctx.db.selectFrom("orgs").select("name").where("parentId", "=", region.id).execute()).map(
        (o) => o.name,
      ),
    );
    for (const name of DEPARTMENTS.filter((n) => !existing.has(n))) {
      await createOrg(ctx, { parentId: region.id, name, kind: "department" });
      orgs += 1;
    }
    let users = 0;
    for (const [username, displayName, role, code] of DEMO_ACCOUNTS) {
      const taken = await ctx.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirst();
      const org = await findOrgByCode(ctx, code);
      if (taken || !org) continue;
      await createUser(ctx, {
        username,
        displayName,
        password: DEMO_PASSWORD,
        orgId: org.id,
        roles: [{ role, orgId: org.id }],
      });
      users += 1;
    }
    const hasCampaign = await ctx.db.selectFrom("campaigns").select("id").limit(1).executeTakeFirst();
    if (!hasCampaign) {
      const orgIds = new Map(
        (await ctx.db.selectFrom("orgs").select(["id", "code"]).where("code", "is not", null).execute()).map(
          (o) => [o.code, o.id],
        ),
      );
      const userIds = new Map(
        (await ctx.db.selectFrom("users").select(["id", "username"]).execute()).map((u) => [
          u.username,
          u.id,
        ]),
      );
      const { campaignId } = await seedDemoCampaign(
        ctx,
        (code) => orgIds.get(code) as string,
        (name) => userIds.get(name) as string,
      );
      await seedDemoBodies(
        ctx,
        (code) => orgIds.get(code) as string,
        (name) => userIds.get(name) as string,
        campaignId,
      );
      await seedDemoResearch(
        ctx,
        (code) => orgIds.get(code) as string,
        (name) => userIds.get(name) as string,
        campaignId,
      );
    }
    await recordAudit(ctx, {
      type: "demo.seeded",
      entityType: "org",
      entityId: region.id,
      scopePath: region.path,
      data: { orgs, users },
    });
    return { orgs, users };
  });
}
