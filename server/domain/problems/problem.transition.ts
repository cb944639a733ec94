import type { AuditData } from "../../../contract/audit-events.ts";
import type { ProblemStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import type { ProblemsTable } from "../../db/schema.ts";
import { type AuditDataWithout, type AuditInput, recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError } from "../errors.ts";
import { recomputeLights } from "../lights/light.commands.ts";
import { type ProblemAbility, problemPolicy } from "./problem.policy.ts";
import type { LoadedProblem } from "./problem.queries.ts";
import { nextStatus, type ProblemAction, REOPENING_ACTIONS, RETURN_ACTIONS } from "./problem.states.ts";

/** Where a problem's audit events are scoped: its lead unit once assigned, else the registering office. */
export const problemScopePath = (p: { leadPath: string | null; ownerPath: string }) =>
  p.leadPath ?? p.ownerPath;

/** The events of the problem state machine: each carries the action, the states and its own fields. */
type ProblemTransitionType =
  | "problem.assigned"
  | "problem.acknowledged"
  | "problem.closeout_requested"
  | "problem.review_approved"
  | "problem.review_rejected"
  | "problem.public_review_closed"
  | "problem.stage_closed"
  | "problem.followed_up"
  | "problem.withdrawn";

/** Refuses an action that is illegal in the problem's state (409), then one the actor may not take (403). */
export function guard(
  ctx: Ctx,
  problem: LoadedProblem,
  ability: ProblemAbility,
  action: ProblemAction,
): void {
  if (!nextStatus(problem.status as ProblemStatus, action)) {
    throw new DomainError("illegal_transition", { status: problem.status, action });
  }
  authorize(problemPolicy[ability](ctx.actor, problem.ref));
}

/**
 * Applies one state-machine action: 409 when illegal from the current state, otherwise writes the
 * new status (raising the reopen count where the action reopens) with `changes`, and its audit event.
 */
export async function transitionProblem<T extends ProblemTransitionType>(
  ctx: Ctx,
  problem: LoadedProblem,
  action: ProblemAction,
  event: { type: T; data?: AuditDataWithout<T, "action" | "from" | "to" | "reopenCount"> },
  changes: Partial<ProblemsTable> = {},
): Promise<ProblemStatus> {
  const next = nextStatus(problem.status as ProblemStatus, action);
  if (!next) throw new DomainError("illegal_transition", { status: problem.status, action });
  const reopens = REOPENING_ACTIONS.includes(action);
  await ctx.db
    .updateTable("problems")
    .set({
      ...changes,
      status: next,
      reopenCount: problem.reopenCount + (reopens ? 1 : 0),
      updatedAt: iso(ctx.now()),
    })
    .where("id", "=", problem.id)
    .execute();
  if (RETURN_ACTIONS.includes(action)) {
    await ctx.db
      .insertInto("problemReturns")
      .values({ problemId: problem.id, returnedAt: iso(ctx.now()), action })
      .execute();
  }
  const data = {
    action,
    from: problem.status,
    to: next,
    ...(reopens && { reopenCount: problem.reopenCount + 1 }),
    ...event.data,
  } as AuditData<T>;
  const input = {
    type: event.type,
    entityType: "problem",
    entityId: problem.id,
    scopePath: problemScopePath({
      leadPath: changes.leadPath ?? problem.leadPath,
      ownerPath: problem.ownerPath,
    }),
    data,
  };
  await recordAudit(ctx, input as AuditInput<T>);
  // A new state can light or extinguish the warning (closing turns it green).
  await recomputeLights(ctx, problem.id);
  return next;
}
