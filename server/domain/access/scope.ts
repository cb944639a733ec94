import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Role } from "../../../contract/enums.ts";
import { type Actor, scopeRoots } from "./actor.ts";

/**
 * The SQL form of "within the actor's scope": `column LIKE root%` for each scope root.
 * An actor with no grants matches nothing. Paths contain only digits, letters, '-' and '/',
 * so no LIKE wildcard can slip in.
 */
export function scopePredicate<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  actor: Actor,
  roles?: readonly Role[],
): Expression<SqlBool> {
  const roots = scopeRoots(actor, roles);
  if (roots === null) return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(column);
  return eb.or(roots.map((r) => sql<SqlBool>`${ref} LIKE ${`${r}%`}`));
}
