import type { TaskStatus } from "../../../contract/enums.ts";

/** The task state machine: each action, the states it starts from and the state it leads to. */
export const TASK_TRANSITIONS = {
  acknowledge: { from: ["pending"], to: "in_progress" },
  // Reporting or completing signs for a pending task at the same time.
  report: { from: ["pending", "in_progress"], to: "in_progress" },
  complete: { from: ["pending", "in_progress"], to: "done_reported" },
  accept: { from: ["done_reported"], to: "accepted" },
  return: { from: ["done_reported"], to: "in_progress" },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;

export type TaskAction = keyof typeof TASK_TRANSITIONS;

/** The next state of a task, or null when the action is illegal from `status`. */
export const nextTaskStatus = (status: TaskStatus, action: TaskAction): TaskStatus | null =>
  (TASK_TRANSITIONS[action].from as readonly TaskStatus[]).includes(status)
    ? TASK_TRANSITIONS[action].to
    : null;
