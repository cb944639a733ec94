import { type Actor, hasRole, inScope } from "../access/actor.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";

/** What the policies need of a joint-meeting body. */
export interface BodyRef {
  leadPath: string;
  memberPaths: string[];
  /** Convener, deputy and liaison officers. */
  peopleIds: string[];
}

/**
 * Who may do what with a joint meeting (联席会议): the lead org's and the member units' ledger
 * roles and its own people see it; coordinators over the lead org run it (DOMAIN.md §1: meetings).
 */
export const meetingPolicy = {
  read: (a: Actor, b: BodyRef) =>
    [b.leadPath, ...b.memberPaths].some((p) => inScope(a, p, LEDGER_ROLES)) ||
    (a.userId !== null && b.peopleIds.includes(a.userId)),
  manage: (a: Actor, b: BodyRef) => hasRole(a, "coordinator", b.leadPath),
};

export const meetingAbilities = (a: Actor, b: BodyRef) => ({ manage: meetingPolicy.manage(a, b) });
