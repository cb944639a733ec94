import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { authorize, DomainError, invalid, notFound } from "../errors.ts";
import { recomputeLights } from "../lights/light.commands.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { problemPolicy } from "../problems/problem.policy.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { getProblemDetail } from "../problems/problem.view.ts";
import { recomputeMeasure } from "./rollup.ts";
import { insertTasks, type NewTask } from "./task.insert.ts";
import { measurePolicy } from "./task.policy.ts";

/** Adds a numbered measure (整改措施) to a problem under rectification. */
export async function addMeasure(
  ctx: Ctx,
  input: {
    problemId: string;
    title: string;
    target?: string;
    deadline: string;
    leadOrgId?: string;
    weight?: number;
  },
) {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    if (problem.status !== "rectifying" && problem.status !== "ongoing") {
      throw new DomainError("illegal_transition", { status: problem.status });
    }
    authorize(problemPolicy.addMeasure(ctx.actor, problem.ref));
    // A measure ends within its problem; once the problem is overdue, new measures are its
    // catch-up plan (a joint-meeting decision, say) and may end later — assessed by the original date.
    const overdue = problem.deadline !== null && problem.deadline < shanghaiDate(ctx.now());
    if (problem.deadline && !overdue && input.deadline > problem.deadline)
      throw invalid("deadline_after_parent", "deadline", { parentDeadline: problem.deadline });
    const lead = await findOrgById(ctx, input.leadOrgId ?? (problem.leadOrgId as string)).catch(() => null);
    if (!lead || !problem.leadPath || !lead.path.startsWith(problem.leadPath))
      throw invalid("org_outside_scope", "leadOrgId");
    const last = await ctx.db
      .selectFrom("measures")
      .select((eb) => eb.fn.max("seqNo").as("n"))
      .where("problemId", "=", problem.id)
      .executeTakeFirst();
    const id = newId();
    const seqNo = Number(last?.n ?? 0) + 1;
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("measures")
      .values({
        id,
        problemId: problem.id,
        seqNo,
        title: input.title.trim(),
        target: input.target ?? null,
        deadline: input.deadline,
        leadOrgId: lead.id,
        weight: input.weight ?? 1,
        progress: 0,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recomputeMeasure(ctx, id, problem.id);
    await recordAudit(ctx, {
      type: "measure.added",
      entityType: "problem",
      entityId: problem.id,
      scopePath: lead.path,
      data: { measureId: id, seqNo, title: input.title, deadline: input.deadline, leadOrgId: lead.id },
    });
    await recomputeLights(ctx, problem.id);
    return getProblemDetail(ctx, problem.id);
  });
}

/** Breaks a measure into tasks for units (分解到各地各有关部门) within the decomposer's scope. */
export async function decomposeMeasure(ctx: Ctx, input: { measureId: string; tasks: NewTask[] }) {
  return inTx(ctx, async (ctx) => {
    const measure = await ctx.db
      .selectFrom("measures")
      .innerJoin("orgs", "orgs.id", "measures.leadOrgId")
      .selectAll("measures")
      .select(["orgs.path as leadPath"])
      .where("measures.id", "=", input.measureId)
      .executeTakeFirst();
    if (!measure) throw notFound();
    const problem = await findProblemById(ctx, measure.problemId);
    authorize(measurePolicy.decompose(ctx.actor, measure.leadPath, problem.ref));
    const ids = await insertTasks(ctx, {
      problem,
      measureId: measure.id,
      parentTaskId: null,
      assignerOrgId: measure.leadOrgId,
      defaultTitle: measure.title,
      defaultDeadline: measure.deadline,
      tasks: input.tasks,
      canTarget: (path) => hasRole(ctx.actor, ["unit_lead", "coordinator"], path),
    });
    await recomputeMeasure(ctx, measure.id, problem.id);
    await recordAudit(ctx, {
      type: "task.decomposed",
      entityType: "problem",
      entityId: problem.id,
      scopePath: measure.leadPath,
      data: { measureId: measure.id, taskIds: ids, orgIds: input.tasks.map((t) => t.orgId) },
    });
    await recomputeLights(ctx, problem.id);
    return getProblemDetail(ctx, problem.id);
  });
}
