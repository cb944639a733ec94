import type { Ctx } from "../../context.ts";
import { WEEKENDS_ONLY, type WorkCalendar } from "../calendar/working-days.ts";

/**
 * The working-day calendar the escalation rules count in. The one place to switch to the
 * admin-edited calendar of public holidays and 调休 once it is stored; until then weekends only.
 */
export async function escalationCalendar(_ctx: Ctx): Promise<WorkCalendar> {
  return WEEKENDS_ONLY;
}
