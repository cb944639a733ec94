import type { ProblemStatus, TaskStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { holdsRole } from "../access/actor.ts";
import { filteredProblems } from "./ledger.queries.ts";
import { toProblemRows } from "./ledger.rows.ts";
import { listTaskPage } from "./ledger.views.ts";
import { type ProblemAbility, problemAbilities } from "./problem.policy.ts";
import { toRef } from "./problem.queries.ts";

const LIMIT = 20;
// How many candidates to look at per group; the abilities that pick them need no related paths.
const CANDIDATES = 200;

/** 工作台: what waits on this user: problems to assign, acknowledge, review, open ballots for; tasks to sign for, report on, accept. */
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
  const problemsAwaiting = async (status: ProblemStatus, ability: ProblemAbility) => {
    const rows = await (await filteredProblems(ctx, { status: [status] }))
      .selectAll("problems")
      .orderBy("problems.deadline")
      .limit(CANDIDATES)
      .execute();
    return toProblemRows(
      ctx,
      rows.filter((r) => problemAbilities(ctx.actor, toRef(r, []))[ability]).slice(0, LIMIT),
    );
  };
  const tasksAwaiting = async (taskStatus: TaskStatus[], ability: "acknowledge" | "report" | "accept") => {
    const page = await listTaskPage(ctx, {
      status: ["rectifying", "ongoing"],
      taskStatus,
      limit: CANDIDATES,
    });
    return page.filter((t) => t.abilities[ability]).slice(0, LIMIT);
  };
  return {
    toAssign: await problemsAwaiting("registered", "assign"),
    toAcknowledge: await problemsAwaiting("assigned", "acknowledge"),
    toReview: await problemsAwaiting("closeout_requested", "review"),
    ballotsToIssue: await problemsAwaiting("public_review", "issueBallots"),
    tasksToAcknowledge: await tasksAwaiting(["pending"], "acknowledge"),
    tasksToReport: await tasksAwaiting(["in_progress"], "report"),
    tasksToAccept: await tasksAwaiting(["done_reported"], "accept"),
  };
}
