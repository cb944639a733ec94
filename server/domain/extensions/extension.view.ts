import type { Ctx } from "../../context.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import type { LoadedProblem } from "../problems/problem.queries.ts";
import { extensionPolicy } from "./extension.policy.ts";

/** Whether the actor may ask for more time on a task (or, with `task: null`, on the problem) now. */
export function extensionAbilities(
  ctx: Ctx,
  x: {
    task: { id: string; orgPath: string; assignerPath: string; status: string; deadline: string } | null;
    problem: LoadedProblem;
    extensions: { entityId: string; status: string }[];
  },
) {
  const today = shanghaiDate(ctx.now());
  const p = x.problem;
  const id = x.task?.id ?? p.id;
  const deadline = x.task ? x.task.deadline : p.deadline;
  const pending = x.extensions.some((e) => e.entityId === id && e.status === "pending");
  const open = x.task
    ? ["pending", "in_progress"].includes(x.task.status) && ["rectifying", "ongoing"].includes(p.status)
    : ["assigned", "rectifying", "ongoing"].includes(p.status);
  const allowed = extensionPolicy.request(ctx.actor, {
    entityType: x.task ? "task" : "problem",
    unitPath: x.task ? x.task.orgPath : (p.leadPath ?? p.ownerPath),
    assignerPath: x.task ? x.task.assignerPath : p.ownerPath,
    ownerPath: p.ownerPath,
    open,
  });
  return { requestExtension: allowed && !pending && deadline !== null && today <= deadline };
}
