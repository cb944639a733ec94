import type { Ctx } from "../context.ts";
import type { Job } from "./scheduler.ts";

class RolledBack extends Error {}

/**
 * Runs a job inside a transaction that is rolled back, and reports what it would have done: its
 * result, the audit events it would append and the notifications they would cause.
 */
export async function dryRunJob(ctx: Ctx, job: Job): Promise<Record<string, unknown>> {
  let report: Record<string, unknown> = {};
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const t: Ctx = { ...ctx, db: trx, inTransaction: true };
      const head = await trx
        .selectFrom("auditHead")
        .select("seq")
        .where("id", "=", 1)
        .executeTakeFirstOrThrow();
      const result = job.dryRun ? await job.dryRun(t) : await job.run(t);
      const events = await trx
        .selectFrom("auditEvents")
        .select(["seq", "type", "entityType", "entityId", "dataJson"])
        .where("seq", ">", head.seq)
        .orderBy("seq")
        .execute();
      const eventIds = (
        await trx.selectFrom("auditEvents").select("id").where("seq", ">", head.seq).execute()
      ).map((e) => e.id);
      const notifications =
        eventIds.length === 0
          ? []
          : await trx
              .selectFrom("notifications")
              .select(["userId", "eventType", "titleZh"])
              .where("eventId", "in", eventIds)
              .execute();
      report = {
        job: job.name,
        dryRun: true,
        result,
        events: events.map((e) => ({ ...e, dataJson: undefined, data: JSON.parse(e.dataJson) })),
        notifications,
      };
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return report;
}
