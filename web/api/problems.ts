import type { Static } from "@sinclair/typebox";
import type { AuditEvent } from "../../contract/audit-events";
import type { TaskStatus } from "../../contract/enums";
import type {
  AddMeasureBody,
  AssignProblemBody,
  AttachmentRef,
  CloseOutBody,
  CreateProblemBody,
  FollowUpBody,
  IssuedTokens,
  IssueTokensBody,
  ProblemDetail as ProblemDetailSchema,
  ProblemListQuery,
  ProblemRow as ProblemRowSchema,
  ResponsibilityRow as ResponsibilityRowSchema,
  ReviewBody,
  StageCloseBody,
  TaskNode as TaskNodeSchema,
  TaskRow as TaskRowSchema,
  TimelineEntry as TimelineEntrySchema,
  WithdrawBody,
} from "../../contract/schemas/problem";
import { api } from "./client";
import type { Envelope, Page } from "./types";

export type ProblemRow = Static<typeof ProblemRowSchema>;
export type ProblemDetail = Static<typeof ProblemDetailSchema>;
export type Measure = ProblemDetail["measures"][number];
export type Report = ProblemDetail["reports"][number];
export type TaskNode = Static<typeof TaskNodeSchema>;
export type TaskRow = Static<typeof TaskRowSchema>;
export type ResponsibilityRow = Static<typeof ResponsibilityRowSchema>;
/** A timeline step: the schema's whitelist, with `type` and `data` read as the audit event union. */
export type TimelineEntry = Omit<Static<typeof TimelineEntrySchema>, "type" | "data"> & AuditEvent;
export type Attachment = Static<typeof AttachmentRef>;
export type Issued = Static<typeof IssuedTokens>;
export type ProblemFilter = Omit<Static<typeof ProblemListQuery>, "limit" | "offset" | "sort">;
export type ProblemSort = NonNullable<Static<typeof ProblemListQuery>["sort"]>;
export type NewProblem = Static<typeof CreateProblemBody>;

export interface ListParams extends ProblemFilter {
  sort?: ProblemSort;
  limit: number;
  offset: number;
  /** Task list only: the tasks' own status. */
  taskStatus?: TaskStatus[];
}

/** Bodies of the problem-level actions, keyed by the ability that allows each. */
export interface ProblemActionBodies {
  assign: Static<typeof AssignProblemBody>;
  acknowledge: undefined;
  addMeasure: Static<typeof AddMeasureBody>;
  requestCloseOut: Static<typeof CloseOutBody>;
  review: Static<typeof ReviewBody>;
  closePublicReview: undefined;
  stageClose: Static<typeof StageCloseBody>;
  followUp: Static<typeof FollowUpBody>;
  withdraw: Static<typeof WithdrawBody>;
}
export type ProblemAction = keyof ProblemActionBodies;

const ACTION_PATHS: Record<ProblemAction, string> = {
  assign: "assign",
  acknowledge: "acknowledge",
  addMeasure: "measures",
  requestCloseOut: "request-closeout",
  review: "review",
  closePublicReview: "close-public-review",
  stageClose: "stage-close",
  followUp: "follow-up",
  withdraw: "withdraw",
};

const enc = encodeURIComponent;

const toQuery = ({ taskStatus, status, ...rest }: ListParams) => ({
  ...rest,
  status: status ?? [],
  taskStatus: taskStatus ?? [],
});

/** 问题清单: one row per problem. */
export function listProblems(params: ListParams): Promise<Page<ProblemRow>> {
  return api.get<Page<ProblemRow>>("/api/v1/problems", toQuery(params));
}

/** 任务清单: one row per task. */
export function listTasks(params: ListParams): Promise<Page<TaskRow>> {
  return api.get<Page<TaskRow>>("/api/v1/tasks", toQuery(params));
}

/** 责任清单: one row per problem and responsible unit. */
export function listResponsibilities(params: ListParams): Promise<Page<ResponsibilityRow>> {
  return api.get<Page<ResponsibilityRow>>("/api/v1/responsibilities", toQuery(params));
}

export async function fetchProblem(id: string): Promise<ProblemDetail> {
  return (await api.get<Envelope<ProblemDetail>>(`/api/v1/problems/${enc(id)}`)).data;
}

export async function fetchTimeline(id: string): Promise<TimelineEntry[]> {
  return (await api.get<Envelope<TimelineEntry[]>>(`/api/v1/problems/${enc(id)}/timeline`)).data;
}

export async function registerProblem(input: NewProblem): Promise<ProblemDetail> {
  return (await api.post<Envelope<ProblemDetail>>("/api/v1/problems", input)).data;
}

/** Runs a problem-level action; the answer is the updated problem. */
export async function runProblemAction<A extends ProblemAction>(
  id: string,
  action: A,
  body: ProblemActionBodies[A],
): Promise<ProblemDetail> {
  const path = `/api/v1/problems/${enc(id)}/${ACTION_PATHS[action]}`;
  return (await api.post<Envelope<ProblemDetail>>(path, body)).data;
}

/** Sets the problem's remarks (备注); null clears them. */
export async function updateRemarks(id: string, remarks: string | null): Promise<ProblemDetail> {
  return (await api.put<Envelope<ProblemDetail>>(`/api/v1/problems/${enc(id)}/remarks`, { remarks })).data;
}

export async function issueBallotTokens(id: string, body: Static<typeof IssueTokensBody>): Promise<Issued> {
  return (await api.post<Envelope<Issued>>(`/api/v1/problems/${enc(id)}/ballot-tokens`, body)).data;
}

export interface ToDos {
  toAssign: ProblemRow[];
  toAcknowledge: ProblemRow[];
  toReview: ProblemRow[];
  ballotsToIssue: ProblemRow[];
  tasksToAcknowledge: TaskRow[];
  tasksToReport: TaskRow[];
  tasksToAccept: TaskRow[];
}

export async function fetchToDos(): Promise<ToDos> {
  return (await api.get<Envelope<ToDos>>("/api/v1/me/todos")).data;
}

export const PROBLEMS_KEY = ["problems"] as const;
export const problemKey = (id: string) => ["problem", id] as const;
export const timelineKey = (id: string) => ["problem", id, "timeline"] as const;
export const TODOS_KEY = ["todos"] as const;
