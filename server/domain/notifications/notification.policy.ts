import { type Actor, hasRole, holdsRole } from "../access/actor.ts";

/** A notification belongs to one user: nobody else may read or mark it, whatever their role. */
export const notificationPolicy = {
  read: (a: Actor, n: { userId: string }) => a.kind === "user" && a.userId === n.userId,
  /** Anyone signed in has an inbox and settings. */
  inbox: (a: Actor) => a.kind === "user" && a.userId !== null,
};

/** Admins and coordinators configure the group robots of the orgs in their subtree. */
export const WEBHOOK_ROLES = ["admin", "coordinator"] as const;
export const webhookPolicy = {
  manage: (a: Actor, orgPath: string) => hasRole(a, WEBHOOK_ROLES, orgPath),
  list: (a: Actor) => holdsRole(a, WEBHOOK_ROLES),
};
