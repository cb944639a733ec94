import { type Actor, hasRole, inScope } from "../access/actor.ts";

export interface OrgRef {
  path: string;
  parentId: string | null;
}

/** Who may see and change the org tree (admins manage their subtree; everyone reads theirs). */
export const orgPolicy = {
  read: (a: Actor, o: OrgRef) => inScope(a, o.path),
  create: (a: Actor, parent: OrgRef) => hasRole(a, "admin", parent.path),
  rename: (a: Actor, o: OrgRef) => hasRole(a, "admin", o.path),
  move: (a: Actor, o: OrgRef) => hasRole(a, "admin", o.path),
  deactivate: (a: Actor, o: OrgRef) => hasRole(a, "admin", o.path),
};
