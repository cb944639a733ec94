import {
  addCalendarDays,
  isWorkingDay,
  type WorkCalendar,
  workingDaysBetween,
} from "../calendar/working-days.ts";

/** What deciding whether an item is proposed for the agenda needs to know of it. */
export interface AgendaCandidate {
  light: string;
  /** The date (Asia/Shanghai) of the last progress: the newest report, or when the item was registered. */
  lastProgressOn: string;
}

export type ProposalReason = "red" | "stuck";

/**
 * Why an open item belongs on a joint meeting's agenda (DOMAIN.md §3): its light is red, or it
 * has had no progress for `stuckAfter` working days or more. Empty when it does not.
 */
export function proposalReasons(
  item: AgendaCandidate,
  today: string,
  stuckAfter: number,
  cal: WorkCalendar,
): { reasons: ProposalReason[]; idleWorkingDays: number } {
  const idle = Math.max(0, workingDaysBetween(cal, item.lastProgressOn, today));
  const reasons: ProposalReason[] = [];
  if (item.light === "red") reasons.push("red");
  if (idle >= stuckAfter) reasons.push("stuck");
  return { reasons, idleWorkingDays: idle };
}

/** The latest date whose progress is old enough to be stuck today: `n` working days lie between it and today. */
export function latestStuckDate(cal: WorkCalendar, today: string, n: number): string {
  let d = today;
  for (let counted = 0; counted < n; ) {
    if (isWorkingDay(cal, d)) counted++;
    d = addCalendarDays(d, -1);
  }
  return d;
}
