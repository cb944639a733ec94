import type { BallotChoice } from "../../../contract/enums.ts";

export type BallotCounts = Partial<Record<BallotChoice, number>>;

const APPROVING: readonly BallotChoice[] = ["very_satisfied", "satisfied", "basically_satisfied"];
const DISAPPROVING: readonly BallotChoice[] = ["dissatisfied", "very_dissatisfied"];

const sum = (c: BallotCounts, keys: readonly BallotChoice[]) => keys.reduce((n, k) => n + (c[k] ?? 0), 0);

export interface SatisfactionResult {
  valid: number;
  approving: number;
  rate: number | null;
  passes: boolean;
}

/**
 * 满意率 = (满意 + 基本满意) / valid ballots (on the 5-level scale 非常满意 counts as approving too).
 * The item passes when the rate reaches the threshold, more than half are not dissatisfied,
 * and at least one ballot was cast: with no ballot, nobody approved.
 */
export function satisfactionOutcome(counts: BallotCounts, threshold: number): SatisfactionResult {
  const approving = sum(counts, APPROVING);
  const disapproving = sum(counts, DISAPPROVING);
  const valid = approving + disapproving;
  if (valid === 0) return { valid, approving, rate: null, passes: false };
  const rate = approving / valid;
  return { valid, approving, rate, passes: rate >= threshold && disapproving / valid <= 0.5 };
}
