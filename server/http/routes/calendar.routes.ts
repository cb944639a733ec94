import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  CalendarOverview,
  CalendarYear,
  ReplaceYearBody,
  YearParams,
} from "../../../contract/schemas/calendar.ts";
import { Data } from "../../../contract/schemas/common.ts";
import { replaceCalendarYear } from "../../domain/calendar/calendar.commands.ts";
import { getCalendarYear, listCalendarYears } from "../../domain/calendar/calendar.queries.ts";

const tags = ["calendar"];

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/calendar",
    {
      schema: {
        tags,
        summary: "Stored years of the working-day calendar and the years in use without one",
        response: { 200: Data(CalendarOverview) },
      },
    },
    async (req) => ({ data: await listCalendarYears(req.ctx) }),
  );
  app.get(
    "/api/v1/calendar/:year",
    {
      schema: {
        tags,
        summary: "One year's holidays and make-up working days",
        params: YearParams,
        response: { 200: Data(CalendarYear) },
      },
    },
    async (req) => ({ data: await getCalendarYear(req.ctx, req.params.year) }),
  );
  app.put(
    "/api/v1/calendar/:year",
    {
      schema: {
        tags,
        summary: "Adds or corrects a year (admins)",
        params: YearParams,
        body: ReplaceYearBody,
        response: { 200: Data(CalendarYear) },
      },
    },
    async (req) => ({
      data: await replaceCalendarYear(req.ctx, { year: req.params.year, days: req.body.days }),
    }),
  );
};
