import { ERRORS } from "../../contract/errors";
import { ApiError } from "../api/client";
import type { MessageKey } from "./zh-CN";

// Every time is shown as it reads in Beijing, whatever the browser's own zone.
const TIME_ZONE = "Asia/Shanghai";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO instant as a date and time in Asia/Shanghai. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let fmt = formatters.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hour12: false,
    });
    formatters.set(lang, fmt);
  }
  return fmt.format(date);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

function isoDay(date: Date): string {
  const part = (type: string) => dayFormat.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai; a date-only value is already one. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  if (DATE_ONLY.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : isoDay(date);
}

/** Today's calendar day in Asia/Shanghai. */
export function todayInShanghai(now = new Date()): string {
  return isoDay(now);
}

/** The ISO instant of a calendar date's start (or end) in Asia/Shanghai. */
export function shanghaiDayBoundary(date: string, end: boolean): string {
  const base = new Date(`${date}T00:00:00+08:00`);
  if (end) base.setTime(base.getTime() + 24 * 3600 * 1000 - 1);
  return base.toISOString();
}

// an instant inside a server message (e.g. a sign-in delay's end), shown in Beijing time like every other date
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The message to show for a failed call: the server's localised detail when it sent one. */
export function errorMessage(err: unknown, lang: string, t: (key: MessageKey) => string): string {
  if (err instanceof ApiError) {
    if (err.detail) return err.detail.replace(ISO_INSTANT, (iso) => formatDateTime(iso, lang));
    if (err.status === 0) return t("error.network_error");
    const known = (ERRORS as Record<string, { zh: string; en: string }>)[err.code];
    if (known) return (lang === "en" ? known.en : known.zh).replace(/\s*\{\w+\}/g, "");
  }
  return t("error.generic");
}
