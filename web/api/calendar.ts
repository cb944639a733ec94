import type { Static } from "@sinclair/typebox";
import type {
  CalendarDay as CalendarDaySchema,
  CalendarOverview as CalendarOverviewSchema,
  CalendarYear as CalendarYearSchema,
} from "../../contract/schemas/calendar";
import { api } from "./client";
import type { Envelope } from "./types";

export type CalendarDay = Static<typeof CalendarDaySchema>;
export type CalendarYear = Static<typeof CalendarYearSchema>;
export type CalendarOverview = Static<typeof CalendarOverviewSchema>;

export const CALENDAR_KEY = ["calendar"] as const;
export const calendarYearKey = (year: number) => ["calendar", year] as const;

export async function fetchCalendarOverview(): Promise<CalendarOverview> {
  return (await api.get<Envelope<CalendarOverview>>("/api/v1/calendar")).data;
}

export async function fetchCalendarYear(year: number): Promise<CalendarYear> {
  return (await api.get<Envelope<CalendarYear>>(`/api/v1/calendar/${year}`)).data;
}

/** Replaces a year's days off and make-up working days (admins). */
export async function saveCalendarYear(year: number, days: CalendarDay[]): Promise<CalendarYear> {
  return (await api.put<Envelope<CalendarYear>>(`/api/v1/calendar/${year}`, { days })).data;
}
