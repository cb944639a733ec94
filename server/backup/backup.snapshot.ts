import Sqlite from "better-sqlite3";
import type pg from "pg";

/** What a backup records of the database copy it holds, read inside that same snapshot. */
export interface SnapshotFacts {
  migrations: string[];
  audit: { seq: number; hash: string };
  counts: Record<string, number>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Reads the facts from a SQLite file (a backup copy, or a restored database). */
export function sqliteFacts(file: string): SnapshotFacts {
  const db = new Sqlite(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const t of tables) {
      counts[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${quote(t.name)}`).get() as { n: number }).n;
    }
    const migrations = (
      db.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[]
    ).map((m) => m.name);
    const head = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1").get() as
      | { seq: number; hash: string }
      | undefined;
    return { migrations, audit: head ?? { seq: 0, hash: "" }, counts };
  } finally {
    db.close();
  }
}

/** Reads the facts on a PostgreSQL connection (inside the exported snapshot during a backup). */
export async function postgresFacts(client: pg.Client): Promise<SnapshotFacts> {
  const tables = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const counts: Record<string, number> = {};
  for (const t of tables.rows) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t.name)}`);
    counts[t.name] = Number(r.rows[0].n);
  }
  const migrations = (
    await client.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name")
  ).rows.map((m) => m.name);
  const head = (
    await client.query<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_head WHERE id = 1")
  ).rows[0];
  return {
    migrations,
    audit: head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: "" },
    counts,
  };
}
