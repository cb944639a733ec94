import { type Expression, type SqlBool, sql } from "kysely";

/**
 * The least string above every string that starts with `prefix`: the prefix with its last
 * character raised by one (`/450000/450100/` → `/450000/4501000`). A last character that cannot
 * be raised is dropped and the one before it raised instead.
 */
export function subtreeUpper(prefix: string): string {
  for (let end = prefix.length; end > 0; end--) {
    const last = prefix.charCodeAt(end - 1);
    if (last < 0xffff) return prefix.slice(0, end - 1) + String.fromCharCode(last + 1);
  }
  throw new Error(`no subtree above "${prefix}"`);
}

/**
 * `column` starts with `prefix`, as a range (`column >= prefix AND column < upper`) that an index
 * on the column answers: SQLite's LIKE is case-insensitive and cannot use a binary index, and
 * PostgreSQL's path columns are `COLLATE "C"` (migration 2026112810) so the range is bytewise.
 * An empty prefix matches everything.
 */
export function inSubtree(column: string, prefix: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  if (prefix === "") return sql<SqlBool>`${ref} IS NOT NULL`;
  return sql<SqlBool>`(${ref} >= ${prefix} AND ${ref} < ${subtreeUpper(prefix)})`;
}

/** `column` lies in any of the subtrees; `null` means everywhere, `[]` nowhere. */
export function inAnySubtree(column: string, roots: readonly string[] | null): Expression<SqlBool> {
  if (roots === null) return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  if (roots.length === 1) return inSubtree(column, roots[0]);
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => inSubtree(column, r)),
    sql` OR `,
  )})`;
}
