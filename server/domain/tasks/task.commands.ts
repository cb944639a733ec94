import type { AuditData } from "../../../contract/audit-events.ts";
import type { TaskStatus } from "../../../contract/enums.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import type { TasksTable } from "../../db/schema.ts";
import { bindAttachments } from "../attachments/attachment.commands.ts";
import { type AuditDataWithout, type AuditInput, recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError } from "../errors.ts";
import { recomputeLights } from "../lights/light.commands.ts";
import { getProblemDetail } from "../problems/problem.view.ts";
import { recomputeFromTask } from "./rollup.ts";
import { insertTasks, type NewTask } from "./task.insert.ts";
import { taskPolicy } from "./task.policy.ts";
import { findTaskById, type LoadedTask } from "./task.queries.ts";
import { nextTaskStatus, type TaskAction } from "./task.states.ts";

type Ability = keyof typeof taskPolicy;

/** 409 when the task's state forbids the action, then 403 when the actor may not take it. */
function guardTask(ctx: Ctx, t: LoadedTask, ability: Ability, action: TaskAction | null): void {
  if (action && !nextTaskStatus(t.task.status as TaskStatus, action)) {
    throw new DomainError("illegal_transition", { status: t.task.status, action });
  }
  authorize(taskPolicy[ability](ctx.actor, t.ref));
}

async function updateTask(ctx: Ctx, t: LoadedTask, changes: Partial<TasksTable>) {
  await ctx.db
    .updateTable("tasks")
    .set({ ...changes, updatedAt: iso(ctx.now()) })
    .where("id", "=", t.task.id)
    .execute();
}

type TaskEventType =
  | "task.decomposed"
  | "task.acknowledged"
  | "task.reported"
  | "task.completed"
  | "task.accepted"
  | "task.returned";

/** Appends the task's audit event, then recomputes the lights of its problem's chain. */
async function auditTask<T extends TaskEventType>(
  ctx: Ctx,
  t: LoadedTask,
  type: T,
  data: AuditDataWithout<T, "taskId" | "orgId">,
) {
  // The wrapper adds the task fields every task event carries; the caller's part is checked by its signature.
  const payload = { taskId: t.task.id, orgId: t.task.orgId, ...data } as unknown as AuditData<T>;
  const input = {
    type,
    entityType: "problem",
    entityId: t.problem.id,
    scopePath: t.task.orgPath,
    data: payload,
  };
  await recordAudit(ctx, input as AuditInput<T>);
  await recomputeLights(ctx, t.problem.id);
}

/** Writes one progress report and binds its evidence files to it. */
async function insertReport(ctx: Ctx, t: LoadedTask, percent: number, text: string, files: string[] = []) {
  const reportId = newId();
  await ctx.db
    .insertInto("progressReports")
    .values({
      id: reportId,
      taskId: t.task.id,
      problemId: t.problem.id,
      percent,
      text,
      createdBy: ctx.actor.userId ?? "system",
      createdByName: ctx.actor.name,
      createdAt: iso(ctx.now()),
    })
    .execute();
  const attachmentIds = await bindAttachments(ctx, files, {
    problemId: t.problem.id,
    entityType: "report",
    entityId: reportId,
  });
  return { reportId, attachmentIds };
}

/** A unit passes its task further down its own subtree. */
export async function decomposeTask(ctx: Ctx, input: { taskId: string; tasks: NewTask[] }) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    guardTask(ctx, t, "decompose", null);
    const ids = await insertTasks(ctx, {
      problem: t.problem,
      measureId: t.task.measureId,
      parentTaskId: t.task.id,
      assignerOrgId: t.task.orgId,
      defaultTitle: t.task.title,
      defaultDeadline: t.task.deadline,
      tasks: input.tasks,
      canTarget: (path) => path.startsWith(t.task.orgPath) && path !== t.task.orgPath,
      refusal: "org_not_below",
    });
    if (t.task.status === "pending")
      await updateTask(ctx, t, { status: "in_progress", acknowledgedAt: iso(ctx.now()) });
    await recomputeFromTask(ctx, ids[0]);
    await auditTask(ctx, t, "task.decomposed", { taskIds: ids, orgIds: input.tasks.map((x) => x.orgId) });
    return getProblemDetail(ctx, t.problem.id);
  });
}

/** The unit signs for (签收) its task. */
export async function acknowledgeTask(ctx: Ctx, input: { taskId: string }) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    guardTask(ctx, t, "acknowledge", "acknowledge");
    await updateTask(ctx, t, { status: "in_progress", acknowledgedAt: iso(ctx.now()) });
    await auditTask(ctx, t, "task.acknowledged", {});
    return getProblemDetail(ctx, t.problem.id);
  });
}

/**
 * Records progress with evidence and rolls it up; reporting signs for a pending task, and a
 * 100 % report completes it (已报完成) for the assigner to accept.
 */
export async function submitProgressReport(
  ctx: Ctx,
  input: { taskId: string; percent: number; text: string; attachmentIds?: string[] },
) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    if (t.ref.hasChildren) throw new DomainError("task_has_subtasks");
    guardTask(ctx, t, "report", "report");
    const now = iso(ctx.now());
    const { reportId, attachmentIds } = await insertReport(
      ctx,
      t,
      input.percent,
      input.text,
      input.attachmentIds,
    );
    const done = input.percent === 100;
    await updateTask(ctx, t, {
      progress: input.percent,
      status: done ? "done_reported" : "in_progress",
      acknowledgedAt: t.task.acknowledgedAt ?? now,
      completedAt: done ? now : null,
    });
    await recomputeFromTask(ctx, t.task.id);
    await auditTask(ctx, t, "task.reported", { reportId, percent: input.percent, attachmentIds });
    return getProblemDetail(ctx, t.problem.id);
  });
}

/** The unit reports its task done; a decomposed task only once all its subtasks are. */
export async function completeTask(
  ctx: Ctx,
  input: { taskId: string; text: string; attachmentIds?: string[] },
) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    guardTask(ctx, t, "complete", "complete");
    const open = await ctx.db
      .selectFrom("tasks")
      .select("id")
      .where("parentTaskId", "=", t.task.id)
      .where("status", "in", ["pending", "in_progress"])
      .executeTakeFirst();
    if (open) throw new DomainError("measures_not_done");
    const now = iso(ctx.now());
    const { reportId, attachmentIds } = await insertReport(ctx, t, 100, input.text, input.attachmentIds);
    await updateTask(ctx, t, {
      progress: 100,
      status: "done_reported",
      completedAt: now,
      acknowledgedAt: t.task.acknowledgedAt ?? now,
    });
    await recomputeFromTask(ctx, t.task.id);
    await auditTask(ctx, t, "task.completed", { reportId, attachmentIds });
    return getProblemDetail(ctx, t.problem.id);
  });
}

/** The assigning unit confirms (确认) a task reported done. */
export async function acceptTask(ctx: Ctx, input: { taskId: string }) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    guardTask(ctx, t, "accept", "accept");
    await updateTask(ctx, t, { status: "accepted", acceptedAt: iso(ctx.now()) });
    await auditTask(ctx, t, "task.accepted", {});
    return getProblemDetail(ctx, t.problem.id);
  });
}

/** The assigning unit sends a reported task back with a reason; its progress drops below done. */
export async function returnTask(ctx: Ctx, input: { taskId: string; reason: string }) {
  return inTx(ctx, async (ctx) => {
    const t = await findTaskById(ctx, input.taskId);
    guardTask(ctx, t, "return", "return");
    await updateTask(ctx, t, {
      status: "in_progress",
      completedAt: null,
      progress: Math.min(t.task.progress, 99),
    });
    await recomputeFromTask(ctx, t.task.id);
    await auditTask(ctx, t, "task.returned", { reason: input.reason });
    return getProblemDetail(ctx, t.problem.id);
  });
}
