import { describe, expect, it } from "vitest";
import { TASK_STATUSES } from "../../../contract/enums.ts";
import { nextTaskStatus, TASK_TRANSITIONS } from "./task.states.ts";

describe("the task state machine", () => {
  const legal: Record<string, string | null> = {
    "pending/acknowledge": "in_progress",
    "pending/report": "in_progress",
    "in_progress/report": "in_progress",
    "pending/complete": "done_reported",
    "in_progress/complete": "done_reported",
    "done_reported/accept": "accepted",
    "done_reported/return": "in_progress",
  };
  for (const status of TASK_STATUSES) {
    for (const action of Object.keys(TASK_TRANSITIONS) as (keyof typeof TASK_TRANSITIONS)[]) {
      it(`${action} from ${status}`, () => {
        expect(nextTaskStatus(status, action)).toBe(legal[`${status}/${action}`] ?? null);
      });
    }
  }
});
