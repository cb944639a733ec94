import type { ClosureKind, ProblemStatus, RectifyType } from "../../../contract/enums.ts";
import { type Actor, hasRole, inScope } from "../access/actor.ts";
import { canTransition } from "./problem.states.ts";

/** What the policies need of a problem. `relatedPaths`: co-operating units' and task units' paths. */
export interface ProblemRef {
  status: ProblemStatus;
  ownerPath: string;
  leadPath: string | null;
  rectifyType: RectifyType;
  closureKind: ClosureKind | null;
  relatedPaths: string[];
}

/** Roles that work with the ledger (admins manage accounts and orgs, not business data). */
export const LEDGER_ROLES = [
  "coordinator",
  "supervisor",
  "unit_lead",
  "unit_staff",
  "leader",
  "auditor",
] as const;

const isLead = (a: Actor, p: ProblemRef) => p.leadPath !== null && hasRole(a, "unit_lead", p.leadPath);
export const isOwner = (a: Actor, p: ProblemRef, roles: Parameters<typeof hasRole>[1]) =>
  hasRole(a, roles, p.ownerPath);
export const isActive = (p: { status: ProblemStatus }) => p.status === "rectifying" || p.status === "ongoing";

/**
 * Who may do what to a problem (DOMAIN.md §1 roles × §2.3 states). Seeing it needs any grant
 * over the owner (the registering office), the lead unit, a co-operating unit or a task unit.
 */
export const problemPolicy = {
  read: (a: Actor, p: ProblemRef) =>
    [p.ownerPath, p.leadPath, ...p.relatedPaths].some(
      (path) => path !== null && inScope(a, path, LEDGER_ROLES),
    ),
  assign: (a: Actor, p: ProblemRef) => isOwner(a, p, "coordinator") && canTransition(p.status, "assign"),
  acknowledge: (a: Actor, p: ProblemRef) => isLead(a, p) && canTransition(p.status, "acknowledge"),
  addMeasure: (a: Actor, p: ProblemRef) => (isLead(a, p) || isOwner(a, p, "coordinator")) && isActive(p),
  requestCloseOut: (a: Actor, p: ProblemRef) => isLead(a, p) && canTransition(p.status, "requestCloseOut"),
  review: (a: Actor, p: ProblemRef) =>
    isOwner(a, p, ["supervisor", "coordinator"]) && p.status === "closeout_requested",
  issueBallots: (a: Actor, p: ProblemRef) =>
    isOwner(a, p, ["coordinator", "supervisor"]) && p.status === "public_review",
  closePublicReview: (a: Actor, p: ProblemRef) =>
    isOwner(a, p, "coordinator") && p.status === "public_review",
  stageClose: (a: Actor, p: ProblemRef) =>
    isOwner(a, p, "coordinator") && p.rectifyType === "long_term" && canTransition(p.status, "stageClose"),
  followUp: (a: Actor, p: ProblemRef) =>
    isOwner(a, p, ["coordinator", "supervisor"]) && p.status === "closed" && p.closureKind === "rectified",
  withdraw: (a: Actor, p: ProblemRef) => isOwner(a, p, "coordinator") && canTransition(p.status, "withdraw"),
  // 备注 belongs to the row, not to a step of the loop: those who run the item keep it, in any state.
  editRemarks: (a: Actor, p: ProblemRef) => isLead(a, p) || isOwner(a, p, "coordinator"),
};

export type ProblemAbility = Exclude<keyof typeof problemPolicy, "read">;

export const problemAbilities = (a: Actor, p: ProblemRef): Record<ProblemAbility, boolean> => {
  const { read: _read, ...actions } = problemPolicy;
  return Object.fromEntries(Object.entries(actions).map(([k, can]) => [k, can(a, p)])) as Record<
    ProblemAbility,
    boolean
  >;
};
