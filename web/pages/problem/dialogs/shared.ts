import type { Dayjs } from "dayjs";

export interface DialogProps {
  onClose: () => void;
}

/** A picked calendar day as the API's `YYYY-MM-DD`. */
export function dateOnly(day: Dayjs): string {
  return day.format("YYYY-MM-DD");
}

/** Trimmed text, or undefined when nothing was typed. */
export function optionalText(text: string | undefined): string | undefined {
  const v = text?.trim();
  return v ? v : undefined;
}
