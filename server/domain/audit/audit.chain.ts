import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

/** The fields of an audit row that the hash covers (everything but the hashes themselves). */
export interface ChainedFields {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  scopePath: string;
  type: string;
  entityType: string;
  entityId: string;
  dataJson: string;
  ip: string | null;
}

/** hash = sha256(prev_hash ‖ canonical JSON of the row). */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const content = canonicalJson({
    seq: row.seq,
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    scopePath: row.scopePath,
    type: row.type,
    entityType: row.entityType,
    entityId: row.entityId,
    dataJson: row.dataJson,
    ip: row.ip,
  });
  return createHash("sha256").update(prevHash).update(content).digest("hex");
}

export interface ChainBreak {
  seq: number;
  /**
   * `checkpoint_missing`: a signed checkpoint names an event the chain no longer reaches — the
   * chain was cut; `seq` is that checkpoint's, `chainEnd` the last event left.
   */
  reason:
    | "sequence_gap"
    | "prev_hash_mismatch"
    | "hash_mismatch"
    | "head_mismatch"
    | "checkpoint_mismatch"
    | "checkpoint_missing";
  checkpointAt?: string;
  chainEnd?: number;
}

/**
 * Walks rows in seq order and reports the first break: a missing or reordered row
 * (sequence gap / prev-hash mismatch) or an edited one (hash mismatch).
 * Feed rows in batches; `state` carries the walk between batches.
 */
export function walkChain(
  rows: Iterable<ChainedFields & { prevHash: string; hash: string }>,
  state: { seq: number; hash: string },
): ChainBreak | null {
  for (const row of rows) {
    const expectedSeq = state.seq + 1;
    if (row.seq !== expectedSeq) return { seq: expectedSeq, reason: "sequence_gap" };
    if (row.prevHash !== state.hash) return { seq: row.seq, reason: "prev_hash_mismatch" };
    if (chainHash(row.prevHash, row) !== row.hash) return { seq: row.seq, reason: "hash_mismatch" };
    state.seq = row.seq;
    state.hash = row.hash;
  }
  return null;
}
