import type { Expression, SqlBool } from "kysely";
import type { Role } from "../../../contract/enums.ts";
import { type Actor, scopeRoots } from "./actor.ts";
import { inAnySubtree } from "./subtree.ts";

/**
 * The SQL form of "within the actor's scope": the column lies in one of the actor's scope roots'
 * subtrees (an indexed range, see inSubtree). An actor with no grants matches nothing.
 */
export function scopePredicate(column: string, actor: Actor, roles?: readonly Role[]): Expression<SqlBool> {
  return inAnySubtree(column, scopeRoots(actor, roles));
}
