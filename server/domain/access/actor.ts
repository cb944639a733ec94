import type { Role } from "../../../contract/enums.ts";

/** One role held at one org; its scope is that org's subtree. */
export interface Grant {
  role: Role;
  orgId: string;
  orgPath: string;
  orgName: string;
  /**
   * Set on a grant derived from something other than a role assignment: a supervision group's
   * member acts as `supervisor` over its contact points while the group is active.
   */
  via?: "supervision_group";
}

/** Who is acting: a signed-in user, the system (CLI, jobs, seeding) or the anonymous public. */
export interface Actor {
  kind: "user" | "system" | "public";
  userId: string | null;
  name: string;
  /** Path of the user's home org; the audit scope of what they do to themselves. */
  homePath: string;
  grants: Grant[];
}

export const systemActor = (name = "system"): Actor => ({
  kind: "system",
  userId: null,
  name,
  homePath: "/",
  grants: [],
});

export const publicActor = (): Actor => ({
  kind: "public",
  userId: null,
  name: "public",
  homePath: "/",
  grants: [],
});

/** True when `path` lies in the subtree rooted at `root` (both materialised paths). */
export const isWithin = (root: string, path: string): boolean => path.startsWith(root);

/** True when the actor holds one of `roles` at an org whose subtree contains `path`. */
export function hasRole(actor: Actor, roles: Role | readonly Role[], path: string): boolean {
  if (actor.kind === "system") return true;
  const wanted: readonly Role[] = typeof roles === "string" ? [roles] : roles;
  return actor.grants.some((g) => wanted.includes(g.role) && isWithin(g.orgPath, path));
}

/** True when the actor holds one of `roles` anywhere. */
export function holdsRole(actor: Actor, roles: Role | readonly Role[]): boolean {
  if (actor.kind === "system") return true;
  const wanted: readonly Role[] = typeof roles === "string" ? [roles] : roles;
  return actor.grants.some((g) => wanted.includes(g.role));
}

/** True when any of the actor's grants (any role, or only `roles`) covers `path`. */
export function inScope(actor: Actor, path: string, roles?: readonly Role[]): boolean {
  if (actor.kind === "system") return true;
  return actor.grants.some((g) => (!roles || roles.includes(g.role)) && isWithin(g.orgPath, path));
}

/**
 * The minimal set of subtree roots the actor may see (nested roots folded away);
 * `null` means everything (the system actor).
 */
export function scopeRoots(actor: Actor, roles?: readonly Role[]): string[] | null {
  if (actor.kind === "system") return null;
  const paths = [
    ...new Set(actor.grants.filter((g) => !roles || roles.includes(g.role)).map((g) => g.orgPath)),
  ];
  paths.sort((a, b) => a.length - b.length);
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => isWithin(q, p)));
}

/** The actor with only the grants of their own role assignments (what they may delegate to others). */
export const assignedOnly = (actor: Actor): Actor => ({
  ...actor,
  grants: actor.grants.filter((g) => !g.via),
});
