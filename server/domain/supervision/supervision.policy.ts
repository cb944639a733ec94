import type { NoticeStatus, ProposalStatus } from "../../../contract/enums.ts";
import { type Actor, hasRole, isWithin } from "../access/actor.ts";
import type { ProblemRef } from "../problems/problem.policy.ts";

/** The roles that supervise (督导组成员) and coordinate (整改办): they climb the ladder. */
export const SUPERVISING_ROLES = ["supervisor", "coordinator"] as const;

/** The item lies in the actor's supervising subtree: its registering office or its lead unit. */
export const overItem = (a: Actor, p: ProblemRef) =>
  hasRole(a, SUPERVISING_ROLES, p.ownerPath) ||
  (p.leadPath !== null && hasRole(a, SUPERVISING_ROLES, p.leadPath));

/** An item can be chased once a unit answers for it, and until it is closed. */
export const supervisable = (p: ProblemRef) =>
  p.leadPath !== null && p.status !== "registered" && p.status !== "closed";

/** Commitments become tasks, which only an item under rectification can take. */
const takesTasks = (p: ProblemRef) => p.status === "rectifying" || p.status === "ongoing";

/** Who may climb which rung for one item (DOMAIN.md §2.5); the state half of each rule is in `supervisionState`. */
export const supervisionPolicy = {
  urge: (a: Actor, p: ProblemRef) => overItem(a, p) && supervisable(p),
  issueNotice: (a: Actor, p: ProblemRef) => overItem(a, p) && supervisable(p),
  list: (a: Actor, p: ProblemRef) => overItem(a, p) && supervisable(p),
  requestDelisting: (a: Actor, p: ProblemRef) => overItem(a, p),
  verifyDelisting: (a: Actor, p: ProblemRef) => overItem(a, p),
  interview: (a: Actor, p: ProblemRef) => overItem(a, p) && supervisable(p),
  interviewWithCommitments: (a: Actor, p: ProblemRef) => overItem(a, p) && takesTasks(p),
  refer: (a: Actor, p: ProblemRef) => overItem(a, p) && p.status !== "registered",
  circulate: (a: Actor, p: ProblemRef) => overItem(a, p),
};

export interface NoticeRef {
  status: NoticeStatus;
  issuerPath: string;
  addresseePath: string;
}

/** The addressed unit answers in writing; the issuing org (or above) closes it after the answer. */
export const noticePolicy = {
  respond: (a: Actor, n: NoticeRef) =>
    hasRole(a, ["unit_lead", "unit_staff"], n.addresseePath) && n.status === "open",
  close: (a: Actor, n: NoticeRef) => hasRole(a, SUPERVISING_ROLES, n.issuerPath) && n.status === "responded",
};

export const noticeAbilities = (a: Actor, n: NoticeRef) => ({
  respond: noticePolicy.respond(a, n),
  close: noticePolicy.close(a, n),
});

/** Coordinators of the item's registering office decide escalation proposals. */
export const proposalPolicy = {
  decide: (a: Actor, p: { status: ProposalStatus; addresseePath: string }) =>
    hasRole(a, "coordinator", p.addresseePath) && p.status === "pending",
};

/**
 * The org an actor issues from: the deepest of their supervising grants that covers the item,
 * so a city's 督查室 numbers its own notices even when the user also holds a regional role.
 * Grants held as a supervision-group member (over its contact points) come last: a member issues
 * in the name of their own office, never in the name of the unit they supervise.
 */
export function issuingGrant(a: Actor, paths: (string | null)[]) {
  const covering = a.grants.filter(
    (g) =>
      (SUPERVISING_ROLES as readonly string[]).includes(g.role) &&
      paths.some((p) => p !== null && isWithin(g.orgPath, p)),
  );
  covering.sort((x, y) => Number(!!x.via) - Number(!!y.via) || y.orgPath.length - x.orgPath.length);
  return covering[0] ?? null;
}
