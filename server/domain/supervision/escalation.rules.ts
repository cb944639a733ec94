import type { EscalationSettingsValue } from "../../../contract/schemas/campaign.ts";
import type { BoardLight } from "../../../contract/schemas/supervision.ts";
import { type WorkCalendar, workingDaysBetween } from "../calendar/working-days.ts";

/** What the automatic rules look at for one problem or task. */
export interface Subject {
  kind: "problem" | "task";
  id: string;
  light: BoardLight;
  /** Identity of the current light episode (when it began, ISO); a new episode may fire again. */
  episode: string;
  /** The Asia/Shanghai date the current light began. */
  lightSince: string;
  /** The unit reported progress or answered a notice since the light began. */
  answered: boolean;
  /** Tasks: still waiting to be signed for (签收), and the date they were handed down. */
  pendingSince?: string | null;
  /** Problems: an open red 督办单 exists (one item, one notice). */
  openRedNotice?: boolean;
  /** Problems: already 挂牌督办. */
  listed?: boolean;
}

export type StepKind =
  | "reminder"
  | "urging"
  | "red_notice"
  | "propose_listing"
  | "propose_interview"
  | "ack_reminder";

/** One rung the rules want climbed; `key` is unique per subject and episode, so applying twice does nothing new. */
export interface Step {
  step: StepKind;
  rule: "yellow" | "yellow_unanswered" | "orange" | "red" | "red_lasting" | "task_unacknowledged";
  key: string;
}

/**
 * The automatic escalation ladder (DOMAIN.md §2.5): yellow → reminder; orange, or yellow unanswered
 * for N working days → urging; red → a red 督办单 (problems) or an urging (tasks); red for N working
 * days → proposals for 挂牌督办 and 约谈; a task unsigned for N working days → reminder.
 */
export function escalationSteps(
  s: Subject,
  settings: EscalationSettingsValue,
  cal: WorkCalendar,
  today: string,
): Step[] {
  const steps: Step[] = [];
  const tag = `${s.kind}:${s.id}:${s.episode}`;
  const lasted = workingDaysBetween(cal, s.lightSince, today);
  if (s.light === "yellow") {
    steps.push({ step: "reminder", rule: "yellow", key: `reminder:${tag}` });
    if (!s.answered && lasted >= settings.yellowUnansweredDays)
      steps.push({ step: "urging", rule: "yellow_unanswered", key: `urging:${tag}` });
  }
  if (s.light === "orange") steps.push({ step: "urging", rule: "orange", key: `urging:${tag}` });
  if (s.light === "red" && s.kind === "task")
    steps.push({ step: "urging", rule: "red", key: `urging:${tag}` });
  if (s.light === "red" && s.kind === "problem") {
    if (!s.openRedNotice) steps.push({ step: "red_notice", rule: "red", key: `notice:${tag}` });
    if (lasted >= settings.redProposalDays) {
      if (!s.listed) steps.push({ step: "propose_listing", rule: "red_lasting", key: `listing:${tag}` });
      steps.push({ step: "propose_interview", rule: "red_lasting", key: `interview:${tag}` });
    }
  }
  if (s.kind === "task" && s.pendingSince) {
    if (workingDaysBetween(cal, s.pendingSince, today) >= settings.taskAckDays)
      steps.push({ step: "ack_reminder", rule: "task_unacknowledged", key: `ack:task:${s.id}` });
  }
  return steps;
}
