import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { type ChainBreak, chainHash, GENESIS_HASH, walkChain } from "./audit.chain.ts";
import {
  appendCheckpoint,
  type Checkpoint,
  checkpointSignatureValid,
  loadOrCreateSigningKey,
  loadSigningKey,
  readCheckpoints,
  signCheckpoint,
} from "./audit.checkpoint.ts";

export interface VerifyResult {
  ok: boolean;
  /** Events whose hashes this run recomputed. */
  count: number;
  firstBad?: ChainBreak;
  /** Signed checkpoints checked, and the newest of them. */
  checkpoints: number;
  lastCheckpointSeq: number | null;
  verifiedAt: string;
}

/** What a request's bounded verification adds: where it started and how far it got. */
export interface TailResult extends VerifyResult {
  /** The signed checkpoint it started from (0: the start of the chain). */
  fromSeq: number;
  throughSeq: number;
  /** False when more events follow than one request may walk: the full job covers them. */
  complete: boolean;
}

export interface WalkOptions {
  /** Called after each batch with the last seq verified (the job records it as progress). */
  onProgress?: (seq: number) => Promise<void>;
  batch?: number;
}

// Small enough that one batch (a synchronous read on SQLite, then hashing) stays far under 100 ms.
const BATCH = 500;

/**
 * Lets other work (requests, /healthz) run between batches of a long walk: as long again as the
 * batch took (at most 50 ms), so a request needing several turns of the event loop is not
 * interleaved with a batch at every turn. The walk takes about twice as long; nothing waits on it.
 */
function yieldToEventLoop(busySince: number): Promise<void> {
  const busy = performance.now() - busySince;
  return new Promise<void>((resolve) =>
    busy < 1 ? setImmediate(resolve) : setTimeout(resolve, Math.min(50, busy)),
  );
}

async function readHead(ctx: Ctx) {
  return ctx.db.selectFrom("auditHead").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
}

/** A checkpoint break: a bad signature, or the chain no longer reaching or matching it. */
function checkpointBreak(
  c: Checkpoint,
  key: ReturnType<typeof loadSigningKey>,
  chainEnd: number,
  hashAt: (seq: number) => string | undefined,
): ChainBreak | null {
  if (key === null || !checkpointSignatureValid(key, c)) return { seq: c.seq, reason: "checkpoint_mismatch" };
  if (c.seq > chainEnd) return { seq: c.seq, reason: "checkpoint_missing", checkpointAt: c.at, chainEnd };
  if (hashAt(c.seq) !== c.hash) return { seq: c.seq, reason: "checkpoint_mismatch" };
  return null;
}

const lastSeq = (checkpoints: Checkpoint[]) =>
  checkpoints.length === 0 ? null : Math.max(...checkpoints.map((c) => c.seq));

/**
 * Recomputes the whole chain, then checks every signed checkpoint and the head row against it, so
 * edits, deletions, reordering, truncation and rewritten chains all show. Yields to the event loop
 * between batches: a long walk (the `audit-verify` job) never holds the process.
 */
export async function verifyAuditChain(ctx: Ctx, opts: WalkOptions = {}): Promise<VerifyResult> {
  const state = { seq: 0, hash: GENESIS_HASH };
  const hashesAtCheckpoints = new Map<number, string>();
  const checkpoints = readCheckpoints(ctx.config.auditCheckpointFile);
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const done = (firstBad?: ChainBreak): VerifyResult => ({
    ok: !firstBad,
    count: state.seq,
    ...(firstBad && { firstBad }),
    checkpoints: checkpoints.length,
    lastCheckpointSeq: lastSeq(checkpoints),
    verifiedAt: iso(ctx.now()),
  });

  for (let first = true; ; first = false) {
    const started = performance.now();
    // The first batch has no lower bound, so a forged row at seq 0 or below shows as a gap.
    const rows = await ctx.db
      .selectFrom("auditEvents")
      .selectAll()
      .$if(!first, (q) => q.where("seq", ">", state.seq))
      .orderBy("seq")
      .limit(opts.batch ?? BATCH)
      .execute();
    if (rows.length === 0) break;
    const broken = walkChain(rows, state);
    if (broken) return done(broken);
    for (const r of rows) if (wanted.has(r.seq)) hashesAtCheckpoints.set(r.seq, r.hash);
    await opts.onProgress?.(state.seq);
    await yieldToEventLoop(started);
  }

  if (checkpoints.length > 0) {
    const key = loadSigningKey(ctx.config.auditKeyFile);
    for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
      const broken = checkpointBreak(c, key, state.seq, (seq) => hashesAtCheckpoints.get(seq));
      if (broken) return done(broken);
    }
  }

  const head = await readHead(ctx);
  if (!head || head.seq !== state.seq || head.hash !== state.hash) {
    return done({ seq: Math.min(head?.seq ?? 0, state.seq) + 1, reason: "head_mismatch" });
  }
  return done();
}

/**
 * The bounded check a request may run: the newest signed checkpoint must still be in the chain,
 * then only the events after it are recomputed, at most `maxEvents` of them. The events before the
 * checkpoint are the full walk's business (the `audit-verify` job).
 */
export async function verifyAuditTail(ctx: Ctx, maxEvents: number): Promise<TailResult> {
  const checkpoints = readCheckpoints(ctx.config.auditCheckpointFile);
  const key = checkpoints.length > 0 ? loadSigningKey(ctx.config.auditKeyFile) : null;
  const start = { seq: 0, hash: GENESIS_HASH };
  let fromSeq = 0;
  const result = (firstBad?: ChainBreak, throughSeq = start.seq): TailResult => ({
    ok: !firstBad,
    count: throughSeq - fromSeq,
    ...(firstBad && { firstBad }),
    checkpoints: checkpoints.length,
    lastCheckpointSeq: lastSeq(checkpoints),
    verifiedAt: iso(ctx.now()),
    fromSeq,
    throughSeq,
    complete: false,
  });

  // Every signature is checked (cheap); the newest checkpoint is where the walk starts.
  let newest: Checkpoint | null = null;
  for (const c of checkpoints) {
    if (key === null || !checkpointSignatureValid(key, c))
      return result({ seq: c.seq, reason: "checkpoint_mismatch" });
    if (!newest || c.seq > newest.seq) newest = c;
  }
  if (newest && newest.seq > 0) {
    const row = await ctx.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("seq", "=", newest.seq)
      .executeTakeFirst();
    if (!row) {
      const last = await ctx.db
        .selectFrom("auditEvents")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .executeTakeFirst();
      const end = Number(last?.seq ?? 0);
      return result({
        seq: newest.seq,
        reason: "checkpoint_missing",
        checkpointAt: newest.at,
        chainEnd: end,
      });
    }
    if (row.hash !== newest.hash || chainHash(row.prevHash, row) !== row.hash)
      return result({ seq: newest.seq, reason: "checkpoint_mismatch" });
    start.seq = newest.seq;
    start.hash = newest.hash;
    fromSeq = newest.seq;
  }

  const state = { ...start };
  let reachedEnd = false;
  for (;;) {
    const budget = maxEvents - (state.seq - fromSeq);
    if (budget <= 0) break;
    const started = performance.now();
    const rows = await ctx.db
      .selectFrom("auditEvents")
      .selectAll()
      .where("seq", ">", state.seq)
      .orderBy("seq")
      .limit(Math.min(BATCH, budget))
      .execute();
    if (rows.length === 0) {
      reachedEnd = true;
      break;
    }
    const broken = walkChain(rows, state);
    if (broken) return result(broken, state.seq);
    await yieldToEventLoop(started);
  }
  // The head row must agree with where the chain ends (it may have moved on since: new events).
  const now = await readHead(ctx);
  const headBehind = !now || now.seq < state.seq;
  if ((reachedEnd && headBehind) || (now?.seq === state.seq && now.hash !== state.hash))
    return result({ seq: Math.min(now?.seq ?? 0, state.seq) + 1, reason: "head_mismatch" }, state.seq);
  return { ...result(undefined, state.seq), complete: reachedEnd || state.seq >= (now?.seq ?? 0) };
}

/**
 * Signs the current chain head with the key kept outside the database and stores it outside too.
 * Returns null when there is nothing new to sign (an empty chain, or the head already signed).
 */
export async function checkpointAuditChain(ctx: Ctx): Promise<Checkpoint | null> {
  const head = await ctx.db
    .selectFrom("auditHead")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  if (head.seq === 0) return null;
  const last = readCheckpoints(ctx.config.auditCheckpointFile).at(-1);
  if (last && last.seq === head.seq && last.hash === head.hash) return null;
  const key = loadOrCreateSigningKey(ctx.config.auditKeyFile);
  const checkpoint = signCheckpoint(key, { seq: head.seq, hash: head.hash, at: iso(ctx.now()) });
  appendCheckpoint(ctx.config.auditCheckpointFile, checkpoint);
  return checkpoint;
}
