import type { Role } from "../../contract/enums.ts";
import type { Ctx } from "../context.ts";
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
