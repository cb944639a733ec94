import type { Rule } from "antd/es/form";

/** Splits a text box into its non-blank lines (one list item per line). */
export function lines(text: string | undefined): string[] {
  return (text ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Checks a one-item-per-line text box before the server does: item count and item length. */
export function lineRules(maxLines: number, maxLength: number, message: string): Rule[] {
  return [
    {
      validator: async (_, value?: string) => {
        const items = lines(value);
        if (items.length > maxLines || items.some((l) => l.length > maxLength)) throw new Error(message);
      },
    },
  ];
}
