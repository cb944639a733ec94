import type { Ctx } from "../context.ts";
import { checkpointAuditChain } from "../domain/audit/audit.verify.ts";

/** Signs the audit chain's head daily (and `serve`/`worker` sign it again when they stop). */
export const auditCheckpointJob = {
  name: "audit-checkpoint",
  everyMs: 24 * 60 * 60_000,
  run: async (ctx: Ctx) => {
    const c = await checkpointAuditChain(ctx);
    return c ? { signed: true, seq: c.seq } : { signed: false };
  },
};

/** The checkpoint a stopping `serve` or `worker` signs; a failure is logged, never blocks the stop. */
export async function checkpointOnShutdown(ctx: Ctx): Promise<void> {
  try {
    const c = await checkpointAuditChain(ctx);
    ctx.log.info(
      { checkpoint: c ? c.seq : null },
      c ? "audit checkpoint signed" : "audit head already signed",
    );
  } catch (err) {
    ctx.log.error({ err }, "audit checkpoint on shutdown failed");
  }
}
