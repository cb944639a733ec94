import { type Actor, hasRole } from "../access/actor.ts";

/** What the extension rules need of a task or problem. */
export interface ExtensionTarget {
  entityType: "task" | "problem";
  /** The responsible unit: the task's unit, the problem's lead unit. */
  unitPath: string;
  /** The unit that set the deadline: the task's assigner, the problem's owner office. */
  assignerPath: string;
  ownerPath: string;
  /** The item is still being worked (task pending/in progress, problem assigned/rectifying/ongoing). */
  open: boolean;
}

/**
 * Who may ask for more time (DOMAIN.md §2.5): the task's unit (lead or clerk), the problem's lead
 * unit lead; who decides: whoever set the deadline — the task's assigning unit (its lead, or the
 * owning office's coordinator), the problem's owning office (coordinator or supervisor).
 */
export const extensionPolicy = {
  request: (a: Actor, t: ExtensionTarget) =>
    t.open &&
    (t.entityType === "task"
      ? hasRole(a, ["unit_lead", "unit_staff"], t.unitPath)
      : hasRole(a, "unit_lead", t.unitPath)),
  decide: (a: Actor, t: Omit<ExtensionTarget, "open">) =>
    t.entityType === "task"
      ? hasRole(a, ["unit_lead", "coordinator"], t.assignerPath) || hasRole(a, "coordinator", t.ownerPath)
      : hasRole(a, ["coordinator", "supervisor"], t.ownerPath),
};

/** The date rules of a request: only up to the deadline day, and only for a later date. */
export function extensionDateProblem(
  today: string,
  deadline: string,
  newDeadline: string,
): "extension_after_deadline" | "extension_date_not_later" | null {
  if (today > deadline) return "extension_after_deadline";
  if (newDeadline <= deadline) return "extension_date_not_later";
  return null;
}
