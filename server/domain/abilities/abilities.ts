import { ABILITIES, type Ability } from "../../../contract/enums.ts";
import { type Actor, assignedOnly, holdsRole } from "../access/actor.ts";
import { auditPolicy } from "../audit/audit.policy.ts";
import { calendarPolicy } from "../calendar/calendar.policy.ts";
import { webhookPolicy } from "../notifications/notification.policy.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { RESEARCH_READERS } from "../research/research.policy.ts";

const RULES: Record<Ability, (a: Actor) => boolean> = {
  "orgs.read": (a) => a.kind === "system" || a.grants.length > 0,
  "orgs.manage": (a) => holdsRole(a, "admin"),
  "users.manage": (a) => holdsRole(a, "admin"),
  "audit.read": (a) => auditPolicy.read(a),
  "problems.read": (a) => holdsRole(a, LEDGER_ROLES),
  "problems.register": (a) => holdsRole(a, "coordinator"),
  "campaigns.manage": (a) => holdsRole(a, "coordinator"),
  "webhooks.manage": (a) => webhookPolicy.list(a),
  "calendar.manage": (a) => calendarPolicy.manage(a),
  "supervision.read": (a) => holdsRole(a, ["supervisor", "coordinator", "unit_lead", "unit_staff", "leader"]),
  "groups.read": (a) => holdsRole(a, LEDGER_ROLES),
  "groups.manage": (a) => holdsRole(assignedOnly(a), ["coordinator", "supervisor"]),
  "meetings.read": (a) => holdsRole(a, LEDGER_ROLES),
  "meetings.manage": (a) => holdsRole(a, "coordinator"),
  "research.read": (a) => holdsRole(a, RESEARCH_READERS),
  "research.manage": (a) => holdsRole(a, "coordinator"),
};

/** The menu-level abilities sent to the UI, so it shows only what the user may use. */
export function abilitiesOf(actor: Actor): Record<Ability, boolean> {
  return Object.fromEntries(ABILITIES.map((k) => [k, RULES[k](actor)])) as Record<Ability, boolean>;
}
