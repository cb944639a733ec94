import type { ProblemSupervisionView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { isWithin } from "../access/actor.ts";
import { authorize, invalid } from "../errors.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { recomputeMeasure } from "../tasks/rollup.ts";
import { insertTasks } from "../tasks/task.insert.ts";
import { supervisionPolicy } from "./supervision.policy.ts";
import { getProblemSupervision } from "./supervision.queries.ts";
import { auditItem, requireSupervisable } from "./supervision.shared.ts";

export interface InterviewInput {
  problemId: string;
  heldAt: string;
  place: string;
  interviewer: string;
  interviewee: string;
  intervieweeOrgId?: string;
  reason: string;
  commitments: { text: string; deadline: string }[];
}

/**
 * Records an admonitory interview (约谈). Each commitment becomes a task for the interviewee's unit
 * under a measure "约谈整改承诺", so it is tracked, reported and accepted like any other task.
 */
export async function recordInterview(ctx: Ctx, input: InterviewInput): Promise<ProblemSupervisionView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    authorize(supervisionPolicy.interview(ctx.actor, problem.ref));
    if (input.commitments.length > 0 && !supervisionPolicy.interviewWithCommitments(ctx.actor, problem.ref))
      throw invalid("illegal_transition", "commitments", { status: problem.status });
    const heldAt = new Date(input.heldAt);
    if (Number.isNaN(heldAt.getTime())) throw invalid("validation_failed", "heldAt");
    const leadPath = problem.leadPath as string;
    const org = await ctx.db
      .selectFrom("orgs")
      .select(["id", "path", "active"])
      .where("id", "=", input.intervieweeOrgId ?? (problem.leadOrgId as string))
      .executeTakeFirst();
    // the interviewee answers for the item: the lead unit or a unit below it
    if (!org || !isWithin(leadPath, org.path)) throw invalid("org_outside_scope", "intervieweeOrgId");
    const id = newId();
    const now = iso(ctx.now());
    let taskIds: string[] = [];
    if (input.commitments.length > 0) {
      const measureId = newId();
      const last = await ctx.db
        .selectFrom("measures")
        .select((eb) => eb.fn.max("seqNo").as("n"))
        .where("problemId", "=", problem.id)
        .executeTakeFirst();
      const latest = input.commitments
        .map((c) => c.deadline)
        .sort()
        .at(-1) as string;
      await ctx.db
        .insertInto("measures")
        .values({
          id: measureId,
          problemId: problem.id,
          seqNo: Number(last?.n ?? 0) + 1,
          title: `约谈整改承诺（${input.interviewee}）`,
          target: input.reason.trim(),
          deadline: latest,
          leadOrgId: org.id,
          weight: 1,
          progress: 0,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      taskIds = await insertTasks(ctx, {
        problem,
        measureId,
        parentTaskId: null,
        assignerOrgId: problem.ownerOrgId,
        defaultTitle: "约谈承诺事项",
        defaultDeadline: latest,
        tasks: input.commitments.map((c) => ({ orgId: org.id, title: c.text, deadline: c.deadline })),
        canTarget: (path) => isWithin(leadPath, path),
      });
      await recomputeMeasure(ctx, measureId, problem.id);
    }
    const commitments = input.commitments.map((c, i) => ({
      text: c.text.trim(),
      deadline: c.deadline,
      taskId: taskIds[i] ?? null,
    }));
    await ctx.db
      .insertInto("interviews")
      .values({
        id,
        problemId: problem.id,
        heldAt: heldAt.toISOString(),
        place: input.place.trim(),
        interviewer: input.interviewer.trim(),
        interviewee: input.interviewee.trim(),
        intervieweeOrgId: org.id,
        reason: input.reason.trim(),
        commitmentsJson: JSON.stringify(commitments),
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.name,
        createdAt: now,
      })
      .execute();
    await auditItem(ctx, problem, "interview.recorded", {
      interviewId: id,
      heldAt: heldAt.toISOString(),
      interviewee: input.interviewee.trim(),
      addresseeOrgId: org.id,
      taskIds,
    });
    return getProblemSupervision(ctx, problem.id);
  });
}
