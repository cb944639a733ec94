import type { Kysely } from "kysely";

/**
 * Sign-ins are delayed per address and account in `rate_limits` (2026120210), never locked on the
 * account: the old lockout columns of `users` are no longer read or written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("locked_until").execute();
  await db.schema.alterTable("users").dropColumn("failed_logins").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("locked_until", "text").execute();
}
