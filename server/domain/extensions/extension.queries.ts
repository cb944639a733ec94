import { type SqlBool, sql } from "kysely";
import type { ExtensionStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import type { ExtensionsTable } from "../../db/schema.ts";
import { scopeRoots } from "../access/actor.ts";
import { inAnySubtree } from "../access/subtree.ts";
import { extensionPolicy } from "./extension.policy.ts";

/** One request as the UI shows it, with whether the actor may decide it. */
export function toExtensionView(ctx: Ctx, e: ExtensionsTable) {
  return {
    id: e.id,
    entityType: e.entityType as "task" | "problem",
    entityId: e.entityId,
    problemId: e.problemId,
    orgId: e.orgId,
    oldDeadline: e.oldDeadline,
    newDeadline: e.newDeadline,
    reason: e.reason,
    status: e.status as ExtensionStatus,
    requestedByName: e.requestedByName,
    requestedAt: e.requestedAt,
    decidedByName: e.decidedByName,
    decidedAt: e.decidedAt,
    comment: e.comment,
    abilities: {
      decide:
        e.status === "pending" &&
        extensionPolicy.decide(ctx.actor, {
          entityType: e.entityType as "task" | "problem",
          unitPath: e.orgPath,
          assignerPath: e.assignerPath,
          ownerPath: e.ownerPath,
        }),
    },
  };
}

/** Every extension request of one problem and its tasks, newest first (the caller checked the read). */
export async function listProblemExtensions(ctx: Ctx, problemId: string) {
  const rows = await ctx.db
    .selectFrom("extensions")
    .selectAll()
    .where("problemId", "=", problemId)
    .orderBy("requestedAt", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((e) => toExtensionView(ctx, e));
}

/**
 * Requests waiting for the actor's decision (工作台 to-dos): the SQL form of extensionPolicy.decide
 * narrows by scope, the policy itself has the last word.
 */
export async function listPendingExtensions(ctx: Ctx, opts: { limit?: number; offset?: number } = {}) {
  const assigners = scopeRoots(ctx.actor, ["unit_lead", "coordinator"]);
  const coordinators = scopeRoots(ctx.actor, ["coordinator"]);
  const owners = scopeRoots(ctx.actor, ["coordinator", "supervisor"]);
  const q = ctx.db
    .selectFrom("extensions")
    .innerJoin("problems", "problems.id", "extensions.problemId")
    .innerJoin("orgs", "orgs.id", "extensions.orgId")
    .leftJoin("tasks", "tasks.id", "extensions.entityId")
    .where("extensions.status", "=", "pending")
    .where(
      (eb) =>
        sql<SqlBool>`((${eb.ref("extensions.entityType")} = 'task' AND (${inAnySubtree("extensions.assignerPath", assigners)} OR ${inAnySubtree("extensions.ownerPath", coordinators)})) OR (${eb.ref("extensions.entityType")} = 'problem' AND ${inAnySubtree("extensions.ownerPath", owners)}))`,
    );
  const [rows, count] = await Promise.all([
    q
      .selectAll("extensions")
      .select([
        "problems.code as problemCode",
        "problems.title as problemTitle",
        "orgs.name as orgName",
        "tasks.title as taskTitle",
      ])
      .orderBy("extensions.requestedAt")
      .orderBy("extensions.id")
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const data = rows
    .map((r) => ({
      ...toExtensionView(ctx, r),
      problemCode: r.problemCode,
      problemTitle: r.problemTitle,
      orgName: r.orgName,
      taskTitle: r.taskTitle,
    }))
    .filter((r) => r.abilities.decide);
  return { data, total: Number(count.n) };
}
