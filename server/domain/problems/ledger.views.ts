import type { ProblemStatus, TaskStatus } from "../../../contract/enums.ts";
import type { ProblemFilter } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import { lightFields } from "../lights/light.view.ts";
import { type TaskRef, taskAbilities } from "../tasks/task.policy.ts";
import { filteredProblems, listProblems } from "./ledger.queries.ts";
import { toRef } from "./problem.queries.ts";

/** 任务清单: the tasks of the problems in view, with the task's own abilities. */
export async function listTasks(ctx: Ctx, f: ProblemFilter & { taskStatus?: TaskStatus[] }) {
  const problems = (await filteredProblems(ctx, f)).select("problems.id");
  let q = ctx.db
    .selectFrom("tasks")
    .innerJoin("problems", "problems.id", "tasks.problemId")
    .innerJoin("measures", "measures.id", "tasks.measureId")
    .innerJoin("orgs as o", "o.id", "tasks.orgId")
    .innerJoin("orgs as a", "a.id", "tasks.assignerOrgId")
    .where("tasks.problemId", "in", problems);
  if (f.taskStatus?.length) q = q.where("tasks.status", "in", f.taskStatus);
  const [rows, count, parents] = await Promise.all([
    q
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
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom("tasks")
      .select("parentTaskId")
      .where("tasks.problemId", "in", problems)
      .where("parentTaskId", "is not", null)
      .execute(),
  ]);
  const withChildren = new Set(parents.map((p) => p.parentTaskId));
  return {
    data: rows.map((t) => {
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
    }),
    total: Number(count.n),
  };
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
