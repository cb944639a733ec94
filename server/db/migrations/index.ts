import { type Migration, type MigrationProvider, Migrator } from "kysely";
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
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export function migrator(database: Database): Migrator {
  return new Migrator({ db: database.db, provider, migrationTableSchema: database.pgSchema });
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
