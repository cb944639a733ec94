import type { trustZhCN } from "./trust.zh-CN";

/** English messages of the audit chain's verification and of secrets at rest. */
export const trustEnUS: Record<keyof typeof trustZhCN, string> = {
  "audit.verifyTailOk":
    "{count} new records checked since the newest signed checkpoint (record {from}), which is still in the chain: no tampering found.",
  "audit.verifyIncomplete":
    " This check stopped at record {through}; the daily full verification covers the rest.",
  "audit.verifyCut":
    "The chain was cut: the checkpoint signed {at} for record {seq} is no longer in the chain, which ends at record {end}.",
  "audit.reason.sequence_gap": "a record is missing",
  "audit.reason.prev_hash_mismatch": "previous hash differs",
  "audit.reason.hash_mismatch": "the record was altered",
  "audit.reason.head_mismatch": "the chain head differs",
  "audit.reason.checkpoint_mismatch": "differs from a signed checkpoint",
  "audit.reason.checkpoint_missing": "a signed checkpoint is no longer in the chain",
  "audit.full.title": "Full verification (runs daily)",
  "audit.full.running":
    "Full verification in progress (started {started}): {checked} of {target} records checked",
  "audit.full.ok":
    "The last full verification passed: {count} records, {checkpoints} signed checkpoint(s) matched.",
  "audit.full.broken": "The last full verification failed at record {seq} ({reason}).",
  "audit.full.failed": "The last full verification could not finish: {error}",
  "audit.full.when": "Started {started}, finished {finished}",
  "audit.full.none": "No full verification yet; the daily job or `rectify audit verify` runs one.",
  "audit.type.secrets.sealed": "Stored secrets encrypted",
  "audit.type.secrets.key_rotated": "Secrets key rotated",
  "audit.entityType.secrets": "Secrets",
};
