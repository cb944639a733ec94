import type { Kysely } from "kysely";

/** 备注 (remarks): the last ledger column, free text kept on the problem. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("problems").addColumn("remarks", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("problems").dropColumn("remarks").execute();
}
