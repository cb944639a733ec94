import type { FormInstance } from "antd";
import { ApiError } from "../api/client";

function toNamePath(field: string): (string | number)[] {
  return field
    .replace(/^\/+/, "")
    .split(/[./]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Puts the server's per-field messages under the matching form items; true when any was set. */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || err.errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const e of err.errors) {
    if (!e.field) continue;
    const seen = byField.get(e.field) ?? [];
    // a value failing a union of literals is reported once per branch; one message is enough
    if (!seen.includes(e.message)) byField.set(e.field, [...seen, e.message]);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: toNamePath(field), errors })));
  return byField.size > 0;
}
