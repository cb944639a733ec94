import type { Ctx } from "../context.ts";
import { runFullVerification } from "../domain/audit/audit.verification.ts";

/** The full walk of the audit chain, off the request path; progress and outcome are recorded. */
export const auditVerifyJob = {
  name: "audit-verify",
  everyMs: 24 * 60 * 60_000,
  run: async (ctx: Ctx) => {
    const r = await runFullVerification(ctx, "job");
    return { ok: r.ok, count: r.count, firstBad: r.firstBad ?? null, checkpoints: r.checkpoints };
  },
};
