import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from "kysely";
import type { Database } from "../connect.ts";
import * as foundation from "./2026112801_foundation.ts";
import * as closedLoop from "./2026112802_closed_loop.ts";
import * as objections from "./2026112803_objections.ts";
import * as lights from "./2026112804_lights.ts";
import * as calendar from "./2026112806_calendar.ts";
import * as escalation from "./2026112807_escalation.ts";
import * as notifications from "./2026112808_notifications.ts";
import * as bodies from "./2026112809_bodies.ts";
import * as problemScopes from "./2026112810_problem_scopes.ts";
import * as problemRemarks from "./2026112811_problem_remarks.ts";
import * as rateLimits from "./2026120210_rate_limits.ts";
import * as auditVerifications from "./2026120220_audit_verifications.ts";
import * as pageIndexes from "./2026120250_page_indexes.ts";
import * as research from "./2026120260_research.ts";
import * as stats from "./2026120270_stats.ts";
import * as dropLockout from "./2026120294_drop_lockout.ts";

/** Every migration, in order. Committed migrations are never edited; add a new one. */
const MIGRATIONS: Record<string, Migration> = {
  "2026112801_foundation": foundation,
  "2026112802_closed_loop": closedLoop,
  "2026112803_objections": objections,
  "2026112804_lights": lights,
  "2026112808_notifications": notifications,
  "2026112806_calendar": calendar,
  "2026112807_escalation": escalation,
  "2026112809_bodies": bodies,
  "2026112810_problem_scopes": problemScopes,
  "2026112811_problem_remarks": problemRemarks,
  "2026120260_research": research,
  "2026120270_stats": stats,
  "2026120210_rate_limits": rateLimits,
  "2026120220_audit_verifications": auditVerifications,
  "2026120250_page_indexes": pageIndexes,
  "2026120294_drop_lockout": dropLockout,
};

/** The names of every migration this version knows (a backup made by a newer one has others). */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * What the migrator uses to find its own two tables. Kysely's PostgreSQL introspector reads every
 * column of every schema in the database; this one lists only the tables of the schema in use, so
 * other schemas (another tenant, a test run's schema being dropped meanwhile) never matter.
 */
export function migrationIntrospector(database: Database): DatabaseIntrospector {
  if (database.engine !== "postgres") return database.db.introspection;
  const db = database.db as Kysely<unknown>;
  const getTables = async () =>
    (
      await sql<{ name: string; schema: string }>`
        SELECT table_name AS name, table_schema AS schema FROM information_schema.tables
        WHERE table_schema = current_schema()`.execute(db)
    ).rows.map((t) => ({ ...t, isView: false, columns: [] }));
  return {
    getSchemas: async () => (await sql<{ name: string }>`SELECT current_schema() AS name`.execute(db)).rows,
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
}

export function migrator(database: Database): Migrator {
  const introspection = migrationIntrospector(database);
  const db = new Proxy(database.db, {
    get: (target, prop) => {
      if (prop === "introspection") return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return new Migrator({ db, provider, migrationTableSchema: database.pgSchema });
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** True when every known migration has been applied. */
export async function migrationsCurrent(database: Database): Promise<boolean> {
  const all = await migrator(database).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
