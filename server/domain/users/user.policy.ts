import { type Actor, hasRole } from "../access/actor.ts";

/**
 * Admins manage the users whose home org lies in their subtree (and nothing else: no business
 * edits). An account record (e-mail, lock state, roles) is read by its owner and by those admins
 * only — colleagues of the same home org are not told.
 */
export const userPolicy = {
  read: (a: Actor, user: { id: string; orgPath: string }) =>
    a.userId === user.id || hasRole(a, "admin", user.orgPath),
  manage: (a: Actor, homePath: string) => hasRole(a, "admin", homePath),
  assignAt: (a: Actor, orgPath: string) => hasRole(a, "admin", orgPath),
};
