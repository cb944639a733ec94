import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { authorize } from "../errors.ts";
import { type ChainBreak, GENESIS_HASH, walkChain } from "./audit.chain.ts";
import {
  appendCheckpoint,
  type Checkpoint,
  checkpointSignatureValid,
  loadOrCreateSigningKey,
  loadSigningKey,
  readCheckpoints,
  signCheckpoint,
} from "./audit.checkpoint.ts";
import { auditPolicy } from "./audit.policy.ts";

export interface VerifyResult {
  ok: boolean;
  count: number;
  firstBad?: ChainBreak;
  checkpoints: number;
  verifiedAt: string;
}

const BATCH = 5000;

/**
 * Recomputes the whole chain, then checks the head row and every signed checkpoint
 * against it, so edits, deletions, reordering, truncation and rewritten chains all show.
 */
export async function verifyAuditChain(ctx: Ctx): Promise<VerifyResult> {
  const state = { seq: 0, hash: GENESIS_HASH };
  const hashesAtCheckpoints = new Map<number, string>();
  const checkpoints = readCheckpoints(ctx.config.auditCheckpointFile);
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const done = (firstBad?: ChainBreak): VerifyResult => ({
    ok: !firstBad,
    count: state.seq,
    firstBad,
    checkpoints: checkpoints.length,
    verifiedAt: iso(ctx.now()),
  });

  for (let first = true; ; first = false) {
    // The first batch has no lower bound, so a forged row at seq 0 or below shows as a gap.
    const rows = await ctx.db
      .selectFrom("auditEvents")
      .selectAll()
      .$if(!first, (q) => q.where("seq", ">", state.seq))
      .orderBy("seq")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    const broken = walkChain(rows, state);
    if (broken) return done(broken);
    for (const r of rows) if (wanted.has(r.seq)) hashesAtCheckpoints.set(r.seq, r.hash);
  }

  const head = await ctx.db
    .selectFrom("auditHead")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (!head || head.seq !== state.seq || head.hash !== state.hash) {
    return done({ seq: Math.min(head?.seq ?? 0, state.seq) + 1, reason: "head_mismatch" });
  }

  if (checkpoints.length > 0) {
    const key = loadSigningKey(ctx.config.auditKeyFile);
    for (const c of checkpoints) {
      const matches =
        key !== null && checkpointSignatureValid(key, c) && hashesAtCheckpoints.get(c.seq) === c.hash;
      if (!matches) return done({ seq: c.seq, reason: "checkpoint_mismatch" });
    }
  }
  return done();
}

/** Signs the current chain head with the key kept outside the database and stores it outside too. */
export async function checkpointAuditChain(ctx: Ctx): Promise<Checkpoint> {
  const head = await ctx.db
    .selectFrom("auditHead")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  const key = loadOrCreateSigningKey(ctx.config.auditKeyFile);
  const checkpoint = signCheckpoint(key, { seq: head.seq, hash: head.hash, at: iso(ctx.now()) });
  appendCheckpoint(ctx.config.auditCheckpointFile, checkpoint);
  return checkpoint;
}

/** The auditor's "verify chain" action. */
export async function verifyAuditTrail(ctx: Ctx): Promise<VerifyResult> {
  authorize(auditPolicy.verify(ctx.actor));
  return verifyAuditChain(ctx);
}
