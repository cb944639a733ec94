import type { ConvertToProblemInput } from "../../../contract/schemas/group.ts";
import type { DecisionToTaskInput } from "../../../contract/schemas/meeting.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { hasRole } from "../access/actor.ts";
import { type AuditDataWithout, recordAudit } from "../audit/audit.commands.ts";
import { pickOrgs } from "../bodies/picks.ts";
import { authorize, DomainError, invalid, notFound } from "../errors.ts";
import { titleFromText } from "../groups/activity.commands.ts";
import { assignProblem, registerProblem } from "../problems/problem.commands.ts";
import { isActive } from "../problems/problem.policy.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { linkProblemSource } from "../problems/problem.source.ts";
import { addMeasure } from "../tasks/measure.commands.ts";
import { recomputeMeasure } from "../tasks/rollup.ts";
import { insertTasks } from "../tasks/task.insert.ts";
import { meetingPolicy } from "./meeting.policy.ts";
import { findSessionById, getSessionDetail } from "./meeting.queries.ts";

/** A decision of a session the actor runs, not yet turned into anything. */
async function openDecision(ctx: Ctx, decisionId: string) {
  const d = await ctx.db
    .selectFrom("meetingDecisions")
    .selectAll()
    .where("id", "=", decisionId)
    .executeTakeFirst();
  if (!d) throw notFound();
  const s = await findSessionById(ctx, d.sessionId);
  authorize(meetingPolicy.manage(ctx.actor, s.body.ref));
  // lock the decision on PostgreSQL so it is converted once
  if (ctx.engine === "postgres")
    await ctx.db.selectFrom("meetingDecisions").select("id").where("id", "=", d.id).forUpdate().execute();
  const fresh = await ctx.db
    .selectFrom("meetingDecisions")
    .select("convertedAt")
    .where("id", "=", d.id)
    .executeTakeFirstOrThrow();
  if (fresh.convertedAt) throw new DomainError("decision_already_converted");
  return { d, s };
}

type OpenDecision = Awaited<ReturnType<typeof openDecision>>;

/** Records what a decision became, with its audit event on the joint meeting. */
async function markConverted(
  ctx: Ctx,
  { d, s }: OpenDecision,
  outcome: { problemId: string; taskId?: string; ownerOrgId: string; deadline: string },
  data: AuditDataWithout<"meeting_decision.converted", "sessionId" | "decisionId">,
) {
  await ctx.db
    .updateTable("meetingDecisions")
    .set({ ...outcome, convertedAt: iso(ctx.now()) })
    .where("id", "=", d.id)
    .execute();
  await recordAudit(ctx, {
    type: "meeting_decision.converted",
    entityType: "joint_meeting",
    entityId: s.bodyId,
    scopePath: s.body.leadPath,
    data: { sessionId: s.id, decisionId: d.id, ...data },
  });
}

/**
 * Turns a decision into a tracked problem (source: 联席会议议定事项) in one step: registered under
 * the chosen campaign, owned by the body's lead org, assigned to the owner unit with a deadline.
 */
export async function convertDecisionToProblem(
  ctx: Ctx,
  input: ConvertToProblemInput & { decisionId: string },
) {
  return inTx(ctx, async (ctx) => {
    const { d, s } = await openDecision(ctx, input.decisionId);
    const target = input.target ?? d.text;
    const sourceRef = s.minutesDocNumber ?? `${s.body.name} ${s.title}`;
    const problem = await registerProblem(ctx, {
      campaignId: input.campaignId,
      categoryId: input.categoryId,
      ownerOrgId: s.body.leadOrgId,
      sourceType: "meeting",
      sourceRef: sourceRef.slice(0, 200),
      title: input.title ?? titleFromText(d.text),
      description: d.text,
      portrait: { symptoms: [] },
      rectifyType: input.rectifyType ?? "deadline",
      target,
      acceptanceStandard: input.acceptanceStandard ?? target,
    });
    await linkProblemSource(ctx, problem.id, { type: "meeting_decision", id: d.id });
    await assignProblem(ctx, { problemId: problem.id, leadOrgId: input.leadOrgId, deadline: input.deadline });
    await markConverted(
      ctx,
      { d, s },
      { problemId: problem.id, ownerOrgId: input.leadOrgId, deadline: input.deadline },
      { into: "problem", problemId: problem.id, problemCode: problem.code },
    );
    return getSessionDetail(ctx, s.id);
  });
}

/**
 * Turns a decision into a task (任务) on a problem under rectification, for an owner unit with a
 * deadline: under the chosen measure, or a new measure named after the decision. The task is an
 * ordinary task, so it waits on the unit's 工作台 like any other.
 */
export async function convertDecisionToTask(ctx: Ctx, input: DecisionToTaskInput & { decisionId: string }) {
  return inTx(ctx, async (ctx) => {
    const { d, s } = await openDecision(ctx, input.decisionId);
    const problem = await findProblemById(ctx, input.problemId).catch(() => {
      throw invalid("not_found", "problemId");
    });
    if (!isActive(problem.ref)) throw invalid("problem_not_active", "problemId");
    const [unit] = await pickOrgs(ctx, [input.orgId], () => "orgId", ["coordinator"]);
    const decisionTitle = [...d.text.trim()].slice(0, 500).join("");
    let measureId = input.measureId;
    if (measureId) {
      const m = await ctx.db
        .selectFrom("measures")
        .select("id")
        .where("id", "=", measureId)
        .where("problemId", "=", problem.id)
        .executeTakeFirst();
      if (!m) throw invalid("measure_not_in_problem", "measureId");
    } else {
      const before = new Set(
        (await ctx.db.selectFrom("measures").select("id").where("problemId", "=", problem.id).execute()).map(
          (m) => m.id,
        ),
      );
      const detail = await addMeasure(ctx, {
        problemId: problem.id,
        title: decisionTitle,
        deadline: input.deadline,
      });
      measureId = detail.measures.find((m) => !before.has(m.id))?.id as string;
    }
    const measure = await ctx.db
      .selectFrom("measures")
      .innerJoin("orgs", "orgs.id", "measures.leadOrgId")
      .select(["measures.id", "measures.leadOrgId", "orgs.path as leadPath"])
      .where("measures.id", "=", measureId)
      .executeTakeFirstOrThrow();
    const [taskId] = await insertTasks(ctx, {
      problem,
      measureId: measure.id,
      parentTaskId: null,
      assignerOrgId: measure.leadOrgId,
      defaultTitle: input.title ?? decisionTitle,
      defaultDeadline: input.deadline,
      tasks: [{ orgId: unit.id, title: input.title, deadline: input.deadline }],
      canTarget: (path) => hasRole(ctx.actor, "coordinator", path),
    });
    await recomputeMeasure(ctx, measure.id, problem.id);
    await recordAudit(ctx, {
      type: "task.decomposed",
      entityType: "problem",
      entityId: problem.id,
      scopePath: measure.leadPath,
      data: { measureId: measure.id, taskIds: [taskId], orgIds: [unit.id], decisionId: d.id },
    });
    await markConverted(
      ctx,
      { d, s },
      { problemId: problem.id, taskId, ownerOrgId: unit.id, deadline: input.deadline },
      { into: "task", problemId: problem.id, taskId, orgId: unit.id },
    );
    return getSessionDetail(ctx, s.id);
  });
}
