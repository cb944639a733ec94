import { Type } from "@sinclair/typebox";
import { DateOnly } from "./campaign.ts";

export const CalendarDay = Type.Object(
  {
    date: DateOnly,
    /** `holiday` 放假 · `workday` 调休上班. */
    kind: Type.Union([Type.Literal("holiday"), Type.Literal("workday")]),
    /** The holiday's name, e.g. 春节. */
    name: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

export const ReplaceYearBody = Type.Object(
  { days: Type.Array(CalendarDay, { maxItems: 120 }) },
  { additionalProperties: false },
);

const Source = Type.Union([Type.Literal("official"), Type.Literal("admin")]);

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  /** False when no schedule is stored: working days fall back to Monday–Friday. */
  known: Type.Boolean(),
  source: Type.Union([Source, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  fallback: Type.Union([Type.Literal("weekends_only"), Type.Null()]),
  days: Type.Array(CalendarDay),
});

export const CalendarOverview = Type.Object({
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      source: Source,
      holidays: Type.Integer(),
      workdays: Type.Integer(),
      updatedAt: Type.String(),
    }),
  ),
  /** Years in use (this year, open deadlines) with no stored schedule. */
  missingYears: Type.Array(Type.Integer()),
});
