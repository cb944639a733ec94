import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cachedStatements, connect, type Database } from "./connect.ts";

/** Another process trying to write the file right now, without waiting: 0 when it could. */
function otherProcessWrites(file: string): number {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.pragma("busy_timeout = 0");
    try { db.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT"); process.exit(0); }
    catch (e) { process.exit(e.code === "SQLITE_BUSY" ? 3 : 1); }`;
  return spawnSync(process.execPath, ["-e", script, file], { cwd: process.cwd() }).status ?? -1;
}

describe("SQLite transactions", () => {
  let dir: string;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("take the write lock when they begin, so another process waits instead of failing later", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rectify-tx-"));
    const file = path.join(dir, "t.db");
    database = connect({ sqliteFile: file });
    await sql`CREATE TABLE t (x INTEGER)`.execute(database.db);

    expect(otherProcessWrites(file)).toBe(0); // outside a transaction the file is free
    const during = await database.db.transaction().execute(async () => otherProcessWrites(file));
    expect(during).toBe(3); // SQLITE_BUSY: the open transaction already holds the write lock
    expect(otherProcessWrites(file)).toBe(0);
  });
});

describe("the SQLite statement cache", () => {
  it("prepares a statement once and hands the same one back for the same SQL", () => {
    const sqlite = new Sqlite(":memory:");
    const prepare = vi.spyOn(sqlite, "prepare");
    const db = cachedStatements(sqlite, 2);
    const a = db.prepare("select 1");
    expect(db.prepare("select 1")).toBe(a);
    expect(prepare).toHaveBeenCalledTimes(1);
    db.prepare("select 2");
    db.prepare("select 1"); // most recently used again
    db.prepare("select 3"); // pushes out "select 2", the least recently used
    expect(db.prepare("select 1")).toBe(a);
    db.prepare("select 2");
    expect(prepare).toHaveBeenCalledTimes(4);
    db.close();
  });

  it("keeps transactions immediate and answers queries through the cache", async () => {
    const database = connect({ sqliteFile: ":memory:" });
    await sql`CREATE TABLE t (x INTEGER)`.execute(database.db);
    for (let i = 0; i < 3; i++) await sql`INSERT INTO t VALUES (${i})`.execute(database.db);
    const rows = await database.db
      .transaction()
      .execute(async (tx) => sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(tx));
    expect(rows.rows[0].n).toBe(3);
    await database.close();
  });
});
