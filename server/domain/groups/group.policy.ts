import { type Actor, hasRole, inScope } from "../access/actor.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";

/** What the policies need of a supervision group. */
export interface GroupRef {
  dispatchPath: string;
  memberIds: string[];
  startsOn: string;
  endsOn: string;
}

/** True on the days (Asia/Shanghai dates) of the group's period. */
export const isGroupActive = (g: Pick<GroupRef, "startsOn" | "endsOn">, today: string) =>
  g.startsOn <= today && today <= g.endsOn;

const isMember = (a: Actor, g: GroupRef) => a.userId !== null && g.memberIds.includes(a.userId);
// Only assigned roles manage a group: a member's derived supervisor scope never reaches the dispatching org.
const manages = (a: Actor, g: GroupRef) =>
  hasRole({ ...a, grants: a.grants.filter((x) => !x.via) }, ["coordinator", "supervisor"], g.dispatchPath);

/**
 * Who may do what with a supervision group (督导组). Anyone working the ledger over the
 * dispatching org sees it, and so do its members; coordinators and supervisors over the
 * dispatching org manage it; members record activities and findings during the period;
 * only coordinators turn findings into problems (registering is theirs, DOMAIN.md §1).
 */
export const groupPolicy = {
  read: (a: Actor, g: GroupRef) => inScope(a, g.dispatchPath, LEDGER_ROLES) || isMember(a, g),
  manage: (a: Actor, g: GroupRef) => manages(a, g),
  record: (a: Actor, g: GroupRef, today: string) =>
    manages(a, g) || (isMember(a, g) && isGroupActive(g, today)),
  convert: (a: Actor, g: GroupRef) => hasRole(a, "coordinator", g.dispatchPath),
};

export const groupAbilities = (a: Actor, g: GroupRef, today: string) => ({
  manage: groupPolicy.manage(a, g),
  record: groupPolicy.record(a, g, today),
  convert: groupPolicy.convert(a, g),
});
