import { type SqlBool, sql } from "kysely";
import type { ProblemStatus } from "../../../contract/enums.ts";
import type { Ctx } from "../../context.ts";
import { inAnySubtree } from "../access/subtree.ts";
import { loadCalendar } from "../calendar/calendar.queries.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { problemScope } from "../problems/ledger.queries.ts";
import { latestStuckDate, proposalReasons } from "./agenda.rules.ts";
import { findSessionById } from "./meeting.queries.ts";

const OPEN: ProblemStatus[] = ["assigned", "rectifying", "ongoing"];
const LIMIT = 50;

/**
 * Items the session should discuss (DOMAIN.md §3): open problems led by a member unit — within
 * what the viewer may see — whose light (or one of whose tasks' lights) is red, or that have had
 * no progress report for MEETING_STUCK_WORKING_DAYS working days. Items already on the agenda are left out.
 */
export async function listProposedItems(ctx: Ctx, sessionId: string) {
  const s = await findSessionById(ctx, sessionId);
  const paths = s.body.ref.memberPaths;
  if (paths.length === 0) return [];
  const cal = await loadCalendar(ctx);
  const today = shanghaiDate(ctx.now());
  const stuckAfter = ctx.config.meetingStuckWorkingDays;
  // progress on or before this Shanghai date is old enough; as a UTC instant, before 16:00Z that day
  const before = `${latestStuckDate(cal, today, stuckAfter)}T16:00:00.000Z`;
  const lastProgress = sql<string>`COALESCE((SELECT MAX(pr.created_at) FROM progress_reports pr WHERE pr.problem_id = problems.id), problems.created_at)`;
  const redTask = sql<SqlBool>`EXISTS (SELECT 1 FROM tasks rt WHERE rt.problem_id = problems.id AND rt.light = 'red' AND rt.status IN ('pending', 'in_progress'))`;
  const rows = await ctx.db
    .selectFrom("problems")
    .leftJoin("orgs", "orgs.id", "problems.leadOrgId")
    .select([
      "problems.id",
      "problems.code",
      "problems.title",
      "problems.status",
      "problems.deadline",
      "problems.progress",
      "problems.light",
      "orgs.name as leadOrgName",
    ])
    .select(lastProgress.as("lastProgressAt"))
    .select(sql<number>`CASE WHEN ${redTask} THEN 1 ELSE 0 END`.as("hasRedTask"))
    .where("problems.status", "in", OPEN)
    .where(inAnySubtree("problems.leadPath", paths))
    .where((eb) => problemScope(eb, ctx))
    .where((eb) =>
      eb.or([eb("problems.light", "=", "red"), redTask, sql<SqlBool>`${lastProgress} < ${before}`]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("meetingAgendaItems")
            .select("meetingAgendaItems.id")
            .whereRef("meetingAgendaItems.problemId", "=", "problems.id")
            .where("meetingAgendaItems.sessionId", "=", s.id),
        ),
      ),
    )
    .orderBy("problems.deadline")
    .orderBy("problems.id")
    .limit(500)
    .execute();
  return rows
    .map((r) => {
      const lastProgressOn = shanghaiDate(new Date(r.lastProgressAt));
      const light = Number(r.hasRedTask) === 1 ? "red" : r.light;
      const { reasons, idleWorkingDays } = proposalReasons({ light, lastProgressOn }, today, stuckAfter, cal);
      return {
        problemId: r.id,
        code: r.code,
        title: r.title,
        status: r.status as ProblemStatus,
        leadOrgName: r.leadOrgName ?? null,
        deadline: r.deadline,
        progress: r.progress,
        light: r.light,
        reasons,
        lastProgressOn,
        idleWorkingDays,
      };
    })
    .filter((r) => r.reasons.length > 0)
    .sort(
      (a, b) =>
        Number(b.reasons.includes("red")) - Number(a.reasons.includes("red")) ||
        b.idleWorkingDays - a.idleWorkingDays,
    )
    .slice(0, LIMIT);
}
