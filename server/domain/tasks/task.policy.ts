import type { TaskStatus } from "../../../contract/enums.ts";
import { type Actor, hasRole } from "../access/actor.ts";
import { isActive, isOwner, type ProblemRef } from "../problems/problem.policy.ts";

export interface TaskRef {
  status: TaskStatus;
  orgPath: string;
  assignerPath: string;
  hasChildren: boolean;
  problem: ProblemRef;
}

const isUnit = (a: Actor, t: TaskRef) => hasRole(a, ["unit_lead", "unit_staff"], t.orgPath);
const isAssigner = (a: Actor, t: TaskRef) =>
  hasRole(a, "unit_lead", t.assignerPath) || isOwner(a, t.problem, "coordinator");

/** Who may act on a task: its own unit works it, the assigning unit accepts or returns it. */
export const taskPolicy = {
  acknowledge: (a: Actor, t: TaskRef) => isUnit(a, t) && t.status === "pending" && isActive(t.problem),
  report: (a: Actor, t: TaskRef) =>
    isUnit(a, t) &&
    (t.status === "pending" || t.status === "in_progress") &&
    !t.hasChildren &&
    isActive(t.problem),
  complete: (a: Actor, t: TaskRef) =>
    isUnit(a, t) && (t.status === "pending" || t.status === "in_progress") && isActive(t.problem),
  accept: (a: Actor, t: TaskRef) =>
    isAssigner(a, t) && t.status === "done_reported" && t.problem.status !== "closed",
  return: (a: Actor, t: TaskRef) => isAssigner(a, t) && t.status === "done_reported" && isActive(t.problem),
  decompose: (a: Actor, t: TaskRef) =>
    hasRole(a, "unit_lead", t.orgPath) &&
    (t.status === "pending" || t.status === "in_progress") &&
    isActive(t.problem),
};

export const taskAbilities = (a: Actor, t: TaskRef) =>
  Object.fromEntries(Object.entries(taskPolicy).map(([k, can]) => [k, can(a, t)])) as Record<
    keyof typeof taskPolicy,
    boolean
  >;

/** The measure's lead unit, or the owning coordinator, breaks it into tasks. */
export const measurePolicy = {
  decompose: (a: Actor, leadPath: string, p: ProblemRef) =>
    (hasRole(a, "unit_lead", leadPath) || isOwner(a, p, "coordinator")) && isActive(p),
};
