import type { LightColor } from "../../../contract/enums.ts";
import type { CampaignSettingsValue } from "../../../contract/schemas/campaign.ts";
import { type WorkCalendar, workingDaysBetween } from "../calendar/working-days.ts";

export type Light = LightColor;

/** Why a light is what it is, in both languages (shown in tooltips, stored in the history). */
export interface LightReason {
  code:
    | "overdue"
    | "far_behind"
    | "little_time_left"
    | "time_running_out"
    | "warning_unanswered"
    | "report_overdue"
    | "behind";
  zh: string;
  en: string;
}

export interface LightResult {
  light: Light;
  /** 序时进度: elapsed / total working days of the item, 0–100. */
  plannedProgress: number;
  reasons: LightReason[];
}

export type LightSettings = Pick<
  CampaignSettingsValue,
  | "lightYellowTimeLeft"
  | "lightYellowDaysLeft"
  | "lightOrangeTimeLeft"
  | "lightYellowBehind"
  | "lightRedBehind"
  | "reportEveryWorkingDays"
  | "warningAnswerWorkingDays"
>;

/** What the rule needs of one task or problem; all dates are `YYYY-MM-DD` in Asia/Shanghai. */
export interface LightInput {
  today: string;
  /** Where the item's time starts: task creation, problem assignment. */
  start: string;
  /** The current deadline (an approved extension moves it). */
  deadline: string;
  /** Actual progress, 0–100. */
  progress: number;
  lastReportOn: string | null;
  /** The day the light last left green; null while green. */
  warnedOn: string | null;
}

const RANK: Record<Light, number> = { green: 0, yellow: 1, orange: 2, red: 3 };

/** The more severe of two lights. */
export const worse = (a: Light, b: Light): Light => (RANK[a] >= RANK[b] ? a : b);

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/**
 * The traffic light (预警灯) of one open item (DOMAIN.md §2.5). Green on schedule; yellow when
 * ≤ 30 % of the time or ≤ 3 working days are left, a progress report is overdue, or progress is
 * 10–30 points behind plan; orange when ≤ 15 % is left or a warning went unanswered; red when
 * overdue or more than 30 points behind. Thresholds come from the campaign's settings. An item
 * already at 100 % is not chased for time or reports, only for being overdue.
 */
export function computeLight(cal: WorkCalendar, s: LightSettings, x: LightInput): LightResult {
  // A deadline set before the item started (back-dated) leaves no time at all.
  const start = [x.start, x.deadline].sort()[0];
  const total = workingDaysBetween(cal, start, x.deadline);
  const elapsed = Math.min(Math.max(workingDaysBetween(cal, start, x.today), 0), total);
  const left = workingDaysBetween(cal, x.today, x.deadline);
  const plannedProgress = total > 0 ? Math.round((100 * elapsed) / total) : x.today >= x.deadline ? 100 : 0;
  const behind = plannedProgress - x.progress;
  const done = x.progress >= 100;
  const out: { light: Light; reason: LightReason }[] = [];
  const add = (light: Light, reason: LightReason) => out.push({ light, reason });

  if (x.today > x.deadline) {
    const days = workingDaysBetween(cal, x.deadline, x.today);
    const calendarDays = Math.round((Date.parse(x.today) - Date.parse(x.deadline)) / 86_400_000);
    add("red", {
      code: "overdue",
      zh: `已超过整改时限 ${calendarDays} 天（${days} 个工作日）`,
      en: `${calendarDays} days (${days} working days) past the deadline`,
    });
  } else if (!done) {
    const share = total > 0 ? left / total : 0;
    if (share <= s.lightOrangeTimeLeft) {
      add("orange", {
        code: "little_time_left",
        zh: `剩余 ${left} 个工作日`,
        en: `${left} working ${left === 1 ? "day" : "days"} left`,
      });
    } else if (share <= s.lightYellowTimeLeft || left <= s.lightYellowDaysLeft) {
      add("yellow", {
        code: "time_running_out",
        zh: `剩余 ${left} 个工作日`,
        en: `${left} working ${left === 1 ? "day" : "days"} left`,
      });
    }
  }
  if (behind > s.lightRedBehind) {
    add("red", {
      code: "far_behind",
      zh: `进度落后序时 ${behind} 个百分点`,
      en: `${behind} points behind plan`,
    });
  } else if (behind >= s.lightYellowBehind) {
    add("yellow", {
      code: "behind",
      zh: `进度落后序时 ${behind} 个百分点`,
      en: `${behind} points behind plan`,
    });
  }
  if (!done) {
    const lastAnswer = later(start, x.lastReportOn);
    const silent = workingDaysBetween(cal, lastAnswer, x.today);
    if (x.warnedOn !== null) {
      const since = workingDaysBetween(cal, later(x.warnedOn, x.lastReportOn), x.today);
      if (since >= s.warningAnswerWorkingDays) {
        add("orange", {
          code: "warning_unanswered",
          zh: `预警后 ${since} 个工作日未报送进展`,
          en: `no progress report for ${since} working days after the warning`,
        });
      }
    }
    if (silent > s.reportEveryWorkingDays) {
      add("yellow", {
        code: "report_overdue",
        zh: `已 ${silent} 个工作日未报送进展（应每 ${s.reportEveryWorkingDays} 个工作日报送）`,
        en: `no progress report for ${silent} working days (due every ${s.reportEveryWorkingDays})`,
      });
    }
  }
  const light = out.reduce<Light>((l, r) => worse(l, r.light), "green");
  return { light, plannedProgress, reasons: out.map((r) => r.reason) };
}

/** The reasons as one sentence, e.g. "剩余 2 个工作日，进度落后序时 18 个百分点". */
export function lightSummary(reasons: LightReason[], lang: "zh" | "en"): string {
  return reasons.map((r) => r[lang]).join(lang === "zh" ? "，" : ", ");
}

/** The warning day to keep after a recompute: set when leaving green, kept while not green. */
export function nextWarnedOn(light: Light, previous: string | null, today: string): string | null {
  if (light === "green") return null;
  return previous ?? today;
}
