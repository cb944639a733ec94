import { type Actor, hasRole } from "../access/actor.ts";

/** Admins manage the users whose home org lies in their subtree (and nothing else: no business edits). */
export const userPolicy = {
  read: (a: Actor, homePath: string) => hasRole(a, "admin", homePath) || a.homePath === homePath,
  manage: (a: Actor, homePath: string) => hasRole(a, "admin", homePath),
  assignAt: (a: Actor, orgPath: string) => hasRole(a, "admin", orgPath),
};
