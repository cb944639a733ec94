import type { Static } from "@sinclair/typebox";
import type { AuditVerification } from "../../../contract/schemas/audit.ts";
import type { Ctx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import type { AuditVerificationsTable } from "../../db/schema.ts";
import { authorize } from "../errors.ts";
import { auditPolicy } from "./audit.policy.ts";
import { type TailResult, type VerifyResult, verifyAuditChain, verifyAuditTail } from "./audit.verify.ts";

export type VerificationView = Static<typeof AuditVerification>;

const toView = (r: AuditVerificationsTable): VerificationView => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status as VerificationView["status"],
  startedAt: r.startedAt,
  updatedAt: r.updatedAt,
  finishedAt: r.finishedAt,
  targetSeq: r.targetSeq,
  checkedSeq: r.checkedSeq,
  firstBad:
    r.firstBadSeq !== null && r.firstBadReason !== null
      ? { seq: r.firstBadSeq, reason: r.firstBadReason }
      : null,
  checkpoints: r.checkpoints,
  lastCheckpointSeq: r.lastCheckpointSeq,
  error: r.error,
});

/**
 * A full walk of the chain that records itself: a `running` row whose progress moves after every
 * batch, then its outcome (`ok`, `broken`, or `failed` when the walk itself could not finish).
 * The `audit-verify` job and `rectify audit verify` run it; requests never do.
 */
export async function runFullVerification(
  ctx: Ctx,
  trigger: string,
): Promise<VerifyResult & { verificationId: string }> {
  const id = newId();
  const head = await ctx.db.selectFrom("auditHead").select("seq").where("id", "=", 1).executeTakeFirst();
  const startedAt = iso(ctx.now());
  await ctx.db
    .insertInto("auditVerifications")
    .values({
      id,
      trigger,
      status: "running",
      startedAt,
      updatedAt: startedAt,
      finishedAt: null,
      targetSeq: head?.seq ?? 0,
      checkedSeq: 0,
      firstBadSeq: null,
      firstBadReason: null,
      checkpoints: null,
      lastCheckpointSeq: null,
      error: null,
    })
    .execute();
  const update = (values: Partial<AuditVerificationsTable>) =>
    ctx.db
      .updateTable("auditVerifications")
      .set({ ...values, updatedAt: iso(ctx.now()) })
      .where("id", "=", id)
      .execute();
  try {
    const r = await verifyAuditChain(ctx, {
      onProgress: async (seq) => {
        await update({ checkedSeq: seq });
      },
    });
    await update({
      status: r.ok ? "ok" : "broken",
      finishedAt: iso(ctx.now()),
      checkedSeq: r.count,
      firstBadSeq: r.firstBad?.seq ?? null,
      firstBadReason: r.firstBad?.reason ?? null,
      checkpoints: r.checkpoints,
      lastCheckpointSeq: r.lastCheckpointSeq,
    });
    return { ...r, verificationId: id };
  } catch (e) {
    await update({ status: "failed", finishedAt: iso(ctx.now()), error: String(e).slice(0, 1000) }).catch(
      () => {},
    );
    throw e;
  }
}

/** The full walk in progress (if any) and the newest finished one, for the audit page. */
export async function getLatestVerifications(
  ctx: Ctx,
): Promise<{ running: VerificationView | null; last: VerificationView | null }> {
  authorize(auditPolicy.verify(ctx.actor));
  const newest = (running: boolean) =>
    ctx.db
      .selectFrom("auditVerifications")
      .selectAll()
      .where("status", running ? "=" : "<>", "running")
      .orderBy("startedAt", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
  const [running, last] = [await newest(true), await newest(false)];
  return { running: running ? toView(running) : null, last: last ? toView(last) : null };
}

/**
 * The auditor's "verify chain" action: the bounded check from the newest signed checkpoint on
 * (`AUDIT_VERIFY_REQUEST_MAX_EVENTS` at most), with the last full walk's outcome next to it.
 */
export async function verifyAuditTrail(
  ctx: Ctx,
): Promise<TailResult & { lastFull: VerificationView | null; running: VerificationView | null }> {
  authorize(auditPolicy.verify(ctx.actor));
  const tail = await verifyAuditTail(ctx, ctx.config.auditVerifyRequestMaxEvents);
  const { running, last } = await getLatestVerifications(ctx);
  return { ...tail, lastFull: last, running };
}
