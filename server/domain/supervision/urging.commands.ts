import type { UrgingKind, UrgingMethod } from "../../../contract/enums.ts";
import type { ProblemSupervisionView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { authorize, DomainError } from "../errors.ts";
import { findProblemById, type LoadedProblem } from "../problems/problem.queries.ts";
import { supervisionPolicy } from "./supervision.policy.ts";
import { getProblemSupervision } from "./supervision.queries.ts";
import { auditItem, requireSupervisable } from "./supervision.shared.ts";

/** Inserts one reminder or urging addressed to the item's lead unit (or a task's unit), with its event. */
async function insertUrging(
  ctx: Ctx,
  problem: LoadedProblem,
  u: {
    kind: UrgingKind;
    method: UrgingMethod;
    note: string;
    taskId?: string | null;
    rule?: string | null;
    triggerKey?: string | null;
  },
) {
  let org = { id: problem.leadOrgId as string, path: problem.leadPath as string };
  if (u.taskId) {
    const task = await ctx.db
      .selectFrom("tasks")
      .select(["orgId", "orgPath"])
      .where("id", "=", u.taskId)
      .where("problemId", "=", problem.id)
      .executeTakeFirst();
    if (!task) throw new DomainError("not_found");
    org = { id: task.orgId, path: task.orgPath };
  }
  const id = newId();
  await ctx.db
    .insertInto("urgings")
    .values({
      id,
      problemId: problem.id,
      taskId: u.taskId ?? null,
      kind: u.kind,
      method: u.method,
      orgId: org.id,
      orgPath: org.path,
      note: u.note,
      rule: u.rule ?? null,
      triggerKey: u.triggerKey ?? null,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.name,
      createdAt: iso(ctx.now()),
    })
    .execute();
  await auditItem(ctx, problem, u.kind === "reminder" ? "supervision.reminded" : "supervision.urged", {
    urgingId: id,
    method: u.method,
    note: u.note,
    addresseeOrgId: org.id,
    // urgings go to the unit's lead (DOMAIN.md §2.5); reminders to the unit
    addresseeRole: u.kind === "urging" ? "unit_lead" : null,
    ...(u.taskId && { taskId: u.taskId }),
    ...(u.rule && { rule: u.rule }),
  });
  return id;
}

/** 催办 by a supervisor or coordinator: by phone, letter, visit or on site, with what was said. */
export async function urgeProblem(
  ctx: Ctx,
  input: { problemId: string; method: Exclude<UrgingMethod, "system">; note: string },
): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    authorize(supervisionPolicy.urge(ctx.actor, problem.ref));
    await insertUrging(ctx, problem, { kind: "urging", method: input.method, note: input.note.trim() });
    return getProblemSupervision(ctx, problem.id);
  });
}

/**
 * A reminder (提醒) or urging (催办) the warning rules send by themselves (method `system`).
 * Idempotent: a trigger key already used does nothing and answers false.
 */
export async function sendAutomaticUrging(
  ctx: Ctx,
  input: {
    problemId: string;
    taskId?: string | null;
    kind: UrgingKind;
    rule: string;
    note: string;
    triggerKey: string;
  },
): Promise<boolean> {
  return inTx(ctx, async (ctx) => {
    authorize(ctx.actor.kind === "system");
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    const used = await ctx.db
      .selectFrom("urgings")
      .select("id")
      .where("triggerKey", "=", input.triggerKey)
      .executeTakeFirst();
    if (used) return false;
    await insertUrging(ctx, problem, { ...input, method: "system" });
    return true;
  });
}
