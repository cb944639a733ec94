import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Database } from "./connect.ts";

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
