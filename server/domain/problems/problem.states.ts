import type { ProblemStatus } from "../../../contract/enums.ts";

/** Every problem action and the states it may start from, with where it leads (DOMAIN.md §2.3). */
export const PROBLEM_TRANSITIONS = {
  assign: { from: ["registered"], to: "assigned" },
  acknowledge: { from: ["assigned"], to: "rectifying" },
  requestCloseOut: { from: ["rectifying", "ongoing"], to: "closeout_requested" },
  reject: { from: ["closeout_requested"], to: "rectifying" },
  approveToPublic: { from: ["closeout_requested"], to: "public_review" },
  approveToClosed: { from: ["closeout_requested"], to: "closed" },
  publicPass: { from: ["public_review"], to: "closed" },
  publicFail: { from: ["public_review"], to: "rectifying" },
  stageClose: { from: ["rectifying"], to: "ongoing" },
  followUpOk: { from: ["closed"], to: "closed" },
  followUpRelapse: { from: ["closed"], to: "rectifying" },
  withdraw: {
    from: ["registered", "assigned", "rectifying", "closeout_requested", "public_review", "ongoing"],
    to: "closed",
  },
} as const satisfies Record<string, { from: readonly ProblemStatus[]; to: ProblemStatus }>;

export type ProblemAction = keyof typeof PROBLEM_TRANSITIONS;

/** Actions that send an item back and so raise its reopen count. */
export const REOPENING_ACTIONS: readonly ProblemAction[] = ["publicFail", "followUpRelapse"];

/** Actions that return an item for more work (退回重办, failed public review, relapse): kept for statistics. */
export const RETURN_ACTIONS: readonly ProblemAction[] = ["reject", "publicFail", "followUpRelapse"];

export const canTransition = (status: ProblemStatus, action: ProblemAction): boolean =>
  (PROBLEM_TRANSITIONS[action].from as readonly ProblemStatus[]).includes(status);

/** The next state, or null when the action is illegal from `status`. */
export const nextStatus = (status: ProblemStatus, action: ProblemAction): ProblemStatus | null =>
  canTransition(status, action) ? PROBLEM_TRANSITIONS[action].to : null;

/** Open = not closed: the states in which work, warnings and withdrawal still apply. */
export const isOpen = (s: ProblemStatus) => s !== "closed";
