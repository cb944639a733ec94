import type { ProblemStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { holdsRole } from "../access/actor.ts";
import { listProblems } from "./ledger.queries.ts";
import { listTasks } from "./ledger.views.ts";
import { problemAbilities } from "./problem.policy.ts";
import { findProblemById } from "./problem.queries.ts";

const LIMIT = 20;

/** 工作台: what waits on this user, by role: to assign, acknowledge, review, open ballots; tasks to sign for, report, accept. */
export async function getMyTodos(ctx: Ctx) {
  if (!holdsRole(ctx.actor, ["coordinator", "supervisor", "unit_lead", "unit_staff"])) {
    return {
      toAssign: [],
      toAcknowledge: [],
      toReview: [],
      ballotsToIssue: [],
      tasksToAcknowledge: [],
      tasksToReport: [],
      tasksToAccept: [],
    };
  }
  const problemsIn = async (status: ProblemStatus, ability: keyof ReturnType<typeof problemAbilities>) => {
    const page = await listProblems(ctx, { status: [status], limit: 200, sort: "deadline" });
    const out = [];
    for (const row of page.data) {
      if (out.length >= LIMIT) break;
      const p = await findProblemById(ctx, row.id);
      if (problemAbilities(ctx.actor, p.ref)[ability]) out.push(row);
    }
    return out;
  };
  const tasksWith = async (
    taskStatus: ("pending" | "in_progress" | "done_reported")[],
    ability: "acknowledge" | "report" | "accept",
  ) => {
    const page = await listTasks(ctx, {
      status: ["rectifying", "ongoing", "closeout_requested"],
      taskStatus,
      limit: 200,
    });
    return page.data.filter((t) => t.abilities[ability]).slice(0, LIMIT);
  };
  return {
    toAssign: await problemsIn("registered", "assign"),
    toAcknowledge: await problemsIn("assigned", "acknowledge"),
    toReview: await problemsIn("closeout_requested", "review"),
    ballotsToIssue: await problemsIn("public_review", "issueBallots"),
    tasksToAcknowledge: await tasksWith(["pending"], "acknowledge"),
    tasksToReport: await tasksWith(["in_progress"], "report"),
    tasksToAccept: await tasksWith(["done_reported"], "accept"),
  };
}
