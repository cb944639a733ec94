import { sql } from "kysely";
import { afterEach, expect, test } from "vitest";
import { openTestDatabase } from "../../test/support.ts";
import { migrateToLatest, migrationIntrospector, migrationsCurrent } from "./index.ts";

const opened: Awaited<ReturnType<typeof openTestDatabase>>[] = [];
const open = async () => {
  const d = await openTestDatabase();
  opened.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.drop()));
});

test("migrates a fresh database once; a second run applies nothing", async () => {
  const { database, migrate } = await open();
  expect(await migrationsCurrent(database)).toBe(false);
  const applied = await migrate();
  expect(applied[0]).toBe("2026112801_foundation");
  expect(await migrationsCurrent(database)).toBe(true);
  expect(await migrateToLatest(database)).toEqual([]);
});

test("the migrator sees only the tables of its own database or schema", async () => {
  const mine = await open();
  const other = await open();
  await mine.migrate();
  await sql`CREATE TABLE zz_elsewhere (id integer)`.execute(other.database.db);
  const names = (
    await migrationIntrospector(mine.database).getTables({ withInternalKyselyTables: true })
  ).map((t) => t.name);
  expect(names).toContain("kysely_migration");
  expect(names).toContain("problems");
  expect(names).not.toContain("zz_elsewhere");
});
