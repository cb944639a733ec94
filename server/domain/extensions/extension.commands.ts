import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { authorize, DomainError, invalid, notFound } from "../errors.ts";
import { recomputeLights } from "../lights/light.commands.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { getProblemDetail } from "../problems/problem.view.ts";
import { findTaskById } from "../tasks/task.queries.ts";
import { type ExtensionTarget, extensionDateProblem, extensionPolicy } from "./extension.policy.ts";

const OPEN_PROBLEM = ["assigned", "rectifying", "ongoing"];
const OPEN_TASK = ["pending", "in_progress"];
const ACTIVE_PROBLEM = ["rectifying", "ongoing"];

/** The item an extension is for, as the rules see it; 404 when the actor cannot see it. */
async function loadTarget(ctx: Ctx, entityType: "task" | "problem", id: string) {
  if (entityType === "task") {
    const t = await findTaskById(ctx, id);
    const target: ExtensionTarget = {
      entityType,
      unitPath: t.task.orgPath,
      assignerPath: t.ref.assignerPath,
      ownerPath: t.problem.ownerPath,
      open: OPEN_TASK.includes(t.task.status) && ACTIVE_PROBLEM.includes(t.problem.status),
    };
    return { target, problemId: t.problem.id, orgId: t.task.orgId, deadline: t.task.deadline };
  }
  const p = await findProblemById(ctx, id);
  const target: ExtensionTarget = {
    entityType,
    unitPath: p.leadPath ?? p.ownerPath,
    assignerPath: p.ownerPath,
    ownerPath: p.ownerPath,
    open: OPEN_PROBLEM.includes(p.status),
  };
  return { target, problemId: p.id, orgId: p.leadOrgId ?? p.ownerOrgId, deadline: p.deadline };
}

/**
 * The responsible unit asks for a later deadline (延期申请), with a reason, before the deadline
 * passes; one open request per item.
 */
export async function requestExtension(
  ctx: Ctx,
  input: { entityType: "task" | "problem"; entityId: string; newDeadline: string; reason: string },
) {
  return inTx(ctx, async (ctx) => {
    const { target, problemId, orgId, deadline } = await loadTarget(ctx, input.entityType, input.entityId);
    if (!target.open || !deadline) throw new DomainError("illegal_transition", { status: "closed" });
    authorize(extensionPolicy.request(ctx.actor, target));
    const refusal = extensionDateProblem(shanghaiDate(ctx.now()), deadline, input.newDeadline);
    if (refusal) throw invalid(refusal, "newDeadline", { deadline });
    const open = await ctx.db
      .selectFrom("extensions")
      .select("id")
      .where("entityId", "=", input.entityId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (open) throw new DomainError("extension_pending");
    const id = newId();
    await ctx.db
      .insertInto("extensions")
      .values({
        id,
        entityType: input.entityType,
        entityId: input.entityId,
        problemId,
        orgId,
        orgPath: target.unitPath,
        assignerPath: target.assignerPath,
        ownerPath: target.ownerPath,
        oldDeadline: deadline,
        newDeadline: input.newDeadline,
        reason: input.reason.trim(),
        status: "pending",
        requestedBy: ctx.actor.userId,
        requestedByName: ctx.actor.name,
        requestedAt: iso(ctx.now()),
      })
      .execute();
    await recordAudit(ctx, {
      type: "extension.requested",
      entityType: "problem",
      entityId: problemId,
      scopePath: target.unitPath,
      data: {
        extensionId: id,
        target: input.entityType,
        targetId: input.entityId,
        orgId,
        oldDeadline: deadline,
        newDeadline: input.newDeadline,
        reason: input.reason,
      },
    });
    return getProblemDetail(ctx, problemId);
  });
}

/**
 * Whoever set the deadline approves or refuses a request, with a comment (required to refuse).
 * Approval moves the current deadline only; the original one stays for assessment (按原定时间考核).
 */
export async function decideExtension(
  ctx: Ctx,
  input: { extensionId: string; decision: "approve" | "refuse"; comment?: string },
) {
  return inTx(ctx, async (ctx) => {
    let q = ctx.db.selectFrom("extensions").selectAll().where("id", "=", input.extensionId);
    if (ctx.engine === "postgres") q = q.forUpdate();
    const ext = await q.executeTakeFirst();
    if (!ext) throw notFound();
    await findProblemById(ctx, ext.problemId);
    const target = { ...ext, entityType: ext.entityType as "task" | "problem", unitPath: ext.orgPath };
    if (!extensionPolicy.decide(ctx.actor, target)) {
      // Someone who can see the problem but not this request's decision: refused, not hidden.
      authorize(false);
    }
    if (ext.status !== "pending") throw new DomainError("extension_decided");
    const comment = input.comment?.trim() ?? "";
    if (input.decision === "refuse" && comment === "") throw invalid("reason_required", "comment");
    const now = iso(ctx.now());
    const status = input.decision === "approve" ? "approved" : "refused";
    await ctx.db
      .updateTable("extensions")
      .set({
        status,
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.name,
        decidedAt: now,
        comment: comment || null,
      })
      .where("id", "=", ext.id)
      .execute();
    if (status === "approved") {
      await ctx.db
        .updateTable(ext.entityType === "task" ? "tasks" : "problems")
        .set({ deadline: ext.newDeadline, updatedAt: now })
        .where("id", "=", ext.entityId)
        .execute();
    }
    await recordAudit(ctx, {
      type: status === "approved" ? "extension.approved" : "extension.refused",
      entityType: "problem",
      entityId: ext.problemId,
      scopePath: ext.orgPath,
      data: {
        extensionId: ext.id,
        target: ext.entityType,
        targetId: ext.entityId,
        orgId: ext.orgId,
        oldDeadline: ext.oldDeadline,
        newDeadline: ext.newDeadline,
        comment: comment || null,
      },
    });
    await recomputeLights(ctx, ext.problemId);
    return getProblemDetail(ctx, ext.problemId);
  });
}
