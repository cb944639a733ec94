/** Code names shared by server, web and CLI (DOMAIN.md §5). */
export const ROLES = [
  "admin",
  "coordinator",
  "supervisor",
  "unit_lead",
  "unit_staff",
  "leader",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must use TOTP when REQUIRE_MFA is on. */
export const MFA_ROLES: readonly Role[] = ["admin", "coordinator", "auditor"];

export const ORG_KINDS = ["region", "department", "unit"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const REGION_LEVELS = ["province", "city", "county", "town", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Abilities the UI uses to decide which menus and buttons to show. */
export const ABILITIES = ["orgs.read", "orgs.manage", "users.manage", "audit.read"] as const;
export type Ability = (typeof ABILITIES)[number];
