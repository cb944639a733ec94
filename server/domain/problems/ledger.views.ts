import { sql } from "kysely";
import type { ProblemStatus, TaskStatus } from "../../../contract/enums.ts";
import type { ProblemFilter } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import { lightFields } from "../lights/light.view.ts";
import { type TaskRef, taskAbilities } from "../tasks/task.policy.ts";
import { keptCount } from "./ledger.count.ts";
import { filteredProblems, listProblems } from "./ledger.queries.ts";
import { toRef } from "./problem.queries.ts";

type TaskFilter = ProblemFilter & { taskStatus?: TaskStatus[] };

/** Tasks of the problems in view; `how` as in problemScope ("probe" walks tasks by deadline). */
async function filteredTasks(ctx: Ctx, f: TaskFilter, how: "probe" | "set") {
  const problems = await filteredProblems(ctx, f, how);
  let q = ctx.db
    .selectFrom("tasks")
    .innerJoin("problems", "problems.id", "tasks.problemId")
    .innerJoin("measures", "measures.id", "tasks.measureId")
    .innerJoin("orgs as o", "o.id", "tasks.orgId")
    .innerJoin("orgs as a", "a.id", "tasks.assignerOrgId");
  q =
    how === "set"
      ? q.where("tasks.problemId", "in", problems.select("problems.id"))
      : q.where((eb) =>
          eb.exists(
            problems.select(sql`1`.as("x")).where("problems.id", "=", sql.ref<string>("tasks.problemId")),
          ),
        );
  if (f.taskStatus?.length) q = q.where("tasks.status", "in", f.taskStatus);
  return q;
}

/**
 * One page of the tasks in view, with the task's own abilities, without the total: walks
 * tasks(status, deadline) or tasks(deadline) and looks each task's problem up, stopping at the page.
 */
export async function listTaskPage(ctx: Ctx, f: TaskFilter) {
  const q = await filteredTasks(ctx, f, "probe");
  const rows = await q
    .selectAll("tasks")
    .select([
      "problems.code as problemCode",
      "problems.title as problemTitle",
      "problems.status as problemStatus",
      "problems.ownerPath",
      "problems.leadPath",
      "problems.rectifyType",
      "problems.closureKind",
      "measures.seqNo as measureSeq",
      "measures.title as measureTitle",
      "o.name as orgName",
      "a.name as assignerOrgName",
      "a.path as assignerPath",
    ])
    .orderBy("tasks.deadline")
    .orderBy("tasks.id")
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  // Which of the page's tasks have subtasks (a parent reports through its children).
  const parents = await ctx.db
    .selectFrom("tasks")
    .select("parentTaskId")
    .where("parentTaskId", "in", rows.map((t) => t.id).concat("-"))
    .execute();
  const withChildren = new Set(parents.map((p) => p.parentTaskId));
  return rows.map((t) => {
    const ref: TaskRef = {
      status: t.status as TaskStatus,
      orgPath: t.orgPath,
      assignerPath: t.assignerPath,
      hasChildren: withChildren.has(t.id),
      problem: toRef(
        {
          status: t.problemStatus,
          ownerPath: t.ownerPath,
          leadPath: t.leadPath,
          rectifyType: t.rectifyType,
          closureKind: t.closureKind,
        } as never,
        [],
      ),
    };
    return {
      id: t.id,
      problemId: t.problemId,
      problemCode: t.problemCode,
      problemTitle: t.problemTitle,
      measureSeq: t.measureSeq,
      measureTitle: t.measureTitle,
      title: t.title,
      orgName: t.orgName,
      assignerOrgName: t.assignerOrgName,
      deadline: t.deadline,
      status: t.status as TaskStatus,
      progress: t.progress,
      acknowledgedAt: t.acknowledgedAt,
      completedAt: t.completedAt,
      ...lightFields(t),
      abilities: taskAbilities(ctx.actor, ref),
    };
  });
}

/** 任务清单: the tasks of the problems in view, a page and the total (kept until the database changes). */
export async function listTasks(ctx: Ctx, f: TaskFilter) {
  const data = await listTaskPage(ctx, f);
  const { limit: _l, offset: _o, sort: _s, ...filter } = f;
  const key = JSON.stringify(["tasks", ctx.actor.kind, ctx.actor.grants, filter]);
  const total = await keptCount(ctx, key, async () => {
    const all = await filteredTasks(ctx, f, "set");
    const count = await all.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(count.n);
  });
  return { data, total };
}

/** 责任清单: per problem, the lead unit, each co-operating unit and each task unit, with who answers for it. */
export async function listResponsibilities(ctx: Ctx, f: ProblemFilter) {
  const page = await listProblems(ctx, f);
  const ids = page.data.map((p) => p.id);
  const none = ["-"];
  const [co, taskOrgs] = await Promise.all([
    ctx.db
      .selectFrom("problemCoOrgs")
      .innerJoin("orgs", "orgs.id", "problemCoOrgs.orgId")
      .select(["problemCoOrgs.problemId", "orgs.id", "orgs.name"])
      .where("problemCoOrgs.problemId", "in", ids.concat(none))
      .execute(),
    ctx.db
      .selectFrom("tasks")
      .innerJoin("orgs", "orgs.id", "tasks.orgId")
      .select(["tasks.problemId", "orgs.id", "orgs.name"])
      .where("tasks.problemId", "in", ids.concat(none))
      .distinct()
      .execute(),
  ]);
  const data = page.data.flatMap((p) => {
    const base = {
      problemId: p.id,
      problemCode: p.code,
      problemTitle: p.title,
      responsibleLeader: p.responsibleLeader,
      responsiblePerson: p.responsiblePerson,
      deadline: p.deadline,
      status: p.status as ProblemStatus,
      progress: p.progress,
    };
    const rows = p.leadOrgId
      ? [{ ...base, orgId: p.leadOrgId, orgName: p.leadOrgName ?? "", role: "lead" as const }]
      : [];
    const seen = new Set(rows.map((r) => r.orgId));
    for (const c of co.filter((x) => x.problemId === p.id && !seen.has(x.id))) {
      rows.push({ ...base, orgId: c.id, orgName: c.name, role: "co" as never });
      seen.add(c.id);
    }
    for (const t of taskOrgs.filter((x) => x.problemId === p.id && !seen.has(x.id))) {
      rows.push({ ...base, orgId: t.id, orgName: t.name, role: "task" as never });
      seen.add(t.id);
    }
    return rows;
  });
  return { data, total: page.total };
}
