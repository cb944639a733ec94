import type { Static } from "@sinclair/typebox";
import type { CompleteTaskBody, DecomposeBody, ReasonBody, ReportBody } from "../../contract/schemas/problem";
import { api } from "./client";
import type { ProblemDetail } from "./problems";
import type { Envelope } from "./types";

export type DecomposeInput = Static<typeof DecomposeBody>;
export type ReportInput = Static<typeof ReportBody>;
export type CompleteInput = Static<typeof CompleteTaskBody>;
export type ReasonInput = Static<typeof ReasonBody>;

/** Bodies of the task-level actions, keyed by the ability that allows each. */
export interface TaskActionBodies {
  acknowledge: undefined;
  report: ReportInput;
  complete: CompleteInput;
  accept: undefined;
  return: ReasonInput;
  decompose: DecomposeInput;
}
export type TaskAction = keyof TaskActionBodies;

const PATHS: Record<TaskAction, string> = {
  acknowledge: "acknowledge",
  report: "reports",
  complete: "complete",
  accept: "accept",
  return: "return",
  decompose: "tasks",
};

const enc = encodeURIComponent;

/** Runs an action on one task; the answer is the updated problem. */
export async function runTaskAction<A extends TaskAction>(
  taskId: string,
  action: A,
  body: TaskActionBodies[A],
): Promise<ProblemDetail> {
  const path = `/api/v1/tasks/${enc(taskId)}/${PATHS[action]}`;
  return (await api.post<Envelope<ProblemDetail>>(path, body)).data;
}

/** Splits a measure into tasks for one or more units. */
export async function decomposeMeasure(measureId: string, body: DecomposeInput): Promise<ProblemDetail> {
  return (await api.post<Envelope<ProblemDetail>>(`/api/v1/measures/${enc(measureId)}/tasks`, body)).data;
}
