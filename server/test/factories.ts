import type { Role } from "../../contract/enums.ts";
import type { CampaignSettingsValue } from "../../contract/schemas/campaign.ts";
import type { Ctx } from "../context.ts";
import { createCampaign } from "../domain/campaigns/campaign.commands.ts";
import { createOrg } from "../domain/orgs/org.commands.ts";
import { createUser } from "../domain/users/user.commands.ts";

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

type OrgLookup = (code: string) => { id: string; path: string };

/** `build<Noun>(overrides)` factories acting as the system. */
export function createBuilders(sys: Ctx, org: OrgLookup) {
  return {
    /** A user holding `roles` (each `[role, orgCode]`), at home in the first role's org unless told. */
    async user(opts: { roles: [Role, string][]; username?: string; home?: string; password?: string }) {
      const home = org(opts.home ?? opts.roles[0]?.[1] ?? "450000");
      return createUser(sys, {
        username: opts.username ?? unique("u"),
        displayName: opts.username ?? "测试用户",
        password: opts.password ?? "correct-horse-battery",
        orgId: home.id,
        roles: opts.roles.map(([role, code]) => ({ role, orgId: org(code).id })),
      });
    },
    /** A campaign owned by the region (or `owner`) with two categories. */
    async campaign(opts: { owner?: string; settings?: Partial<CampaignSettingsValue> } = {}) {
      return createCampaign(sys, {
        name: unique("专项整治"),
        ownerOrgId: org(opts.owner ?? "450000").id,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        phase: "rectify",
        categories: [
          { name: "农村基层党组织带头人能力不强", portraitTemplate: ["带头人年龄老化", "发展思路不清"] },
          { name: "党员教育管理宽松软", portraitTemplate: ["组织生活不经常"] },
        ],
        settings: opts.settings,
      });
    },
    /** A department or unit under the org with `parentCode`. */
    async org(opts: { parentCode: string; name?: string; kind?: "department" | "unit" }) {
      return createOrg(sys, {
        parentId: org(opts.parentCode).id,
        name: opts.name ?? unique("单位"),
        kind: opts.kind ?? "department",
      });
    },
  };
}
