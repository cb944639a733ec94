import type { TaskStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { notFound } from "../errors.ts";
import { findProblemById, type LoadedProblem } from "../problems/problem.queries.ts";
import type { TaskRef } from "./task.policy.ts";

/** A task with its problem and the paths its policy needs; 404 when the problem is out of sight. */
export async function findTaskById(ctx: Ctx, id: string) {
  const task = await ctx.db
    .selectFrom("tasks")
    .innerJoin("orgs as assigner", "assigner.id", "tasks.assignerOrgId")
    .selectAll("tasks")
    .select("assigner.path as assignerPath")
    .where("tasks.id", "=", id)
    .executeTakeFirst();
  if (!task) throw notFound();
  const problem = await findProblemById(ctx, task.problemId);
  const child = await ctx.db
    .selectFrom("tasks")
    .select("id")
    .where("parentTaskId", "=", id)
    .limit(1)
    .executeTakeFirst();
  const ref: TaskRef = {
    status: task.status as TaskStatus,
    orgPath: task.orgPath,
    assignerPath: task.assignerPath,
    hasChildren: child !== undefined,
    problem: problem.ref,
  };
  return { task, problem, ref };
}

export type LoadedTask = Awaited<ReturnType<typeof findTaskById>>;
export type { LoadedProblem };
