import type { FastifyInstance } from "fastify";
import type { FieldErrorCode } from "../../../contract/errors.ts";
import { stripXmlInvalid } from "../../../contract/text.ts";
import { DomainError, type FieldError } from "../../domain/errors.ts";

/**
 * Shapes no form of the product comes near. Beyond them a request is refused before validation,
 * so a hostile body cannot make validation (or its error report) cost more than the body itself.
 */
export const INPUT_LIMITS = {
  /** Keys of one object (the largest form has a few dozen fields). */
  keysPerObject: 200,
  /** Items of one array (the largest list a form sends is a calendar year's 120 days). */
  itemsPerArray: 1000,
  /** Values in the whole request part, nested ones included. */
  values: 20_000,
  /** Levels of nesting. */
  depth: 32,
} as const;

const refusal = (field: string, code: FieldErrorCode, params: Record<string, unknown> = {}): FieldError => ({
  field: field || "body",
  code,
  params,
});

/**
 * Walks one part of a request (params, query or body): refuses NUL characters (no field holds
 * one and PostgreSQL cannot store it) and shapes beyond INPUT_LIMITS, and strips the other
 * characters XML cannot carry from every string, in place. Returns the cleaned part, or a refusal.
 */
export function sanitizeInput(part: unknown): { value: unknown } | { refused: FieldError } {
  let values = 0;
  let refused: FieldError | null = null;
  const clean = (v: unknown, path: string, depth: number): unknown => {
    if (refused) return v;
    if (++values > INPUT_LIMITS.values) {
      refused = refusal(path, "maxProperties", { limit: INPUT_LIMITS.values });
      return v;
    }
    if (typeof v === "string") {
      if (v.includes("\u0000")) refused = refusal(path, "invalid");
      return stripXmlInvalid(v);
    }
    if (v === null || typeof v !== "object" || Buffer.isBuffer(v)) return v;
    if (depth >= INPUT_LIMITS.depth) {
      refused = refusal(path, "tooDeep", { limit: INPUT_LIMITS.depth });
      return v;
    }
    const at = (k: string | number) => (path ? `${path}/${k}` : String(k));
    if (Array.isArray(v)) {
      if (v.length > INPUT_LIMITS.itemsPerArray) {
        refused = refusal(path, "maxItems", { limit: INPUT_LIMITS.itemsPerArray });
        return v;
      }
      for (let i = 0; i < v.length && !refused; i++) v[i] = clean(v[i], at(i), depth + 1);
      return v;
    }
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > INPUT_LIMITS.keysPerObject) {
      refused = refusal(path, "maxProperties", { limit: INPUT_LIMITS.keysPerObject });
      return v;
    }
    for (const k of keys) {
      if (refused) break;
      const before = record[k];
      const after = clean(before, at(k), depth + 1);
      if (after !== before) record[k] = after;
    }
    return v;
  };
  const value = clean(part, "", 0);
  return refused ? { refused } : { value };
}

/** The path of the first number that is not finite (`Infinity`, `1e999`), or null. */
export function findNonFinite(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== "object" || depth > INPUT_LIMITS.depth) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = findNonFinite(v, path ? `${path}/${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Before validation: every part of the request is bounded and its text cleaned (one place, so no
 * route can forget). After validation: numbers the schema coerced from text must be finite, since
 * ajv turns `limit=Infinity` or `1e999` into a number its range checks then skip.
 */
export function registerInputSanity(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    for (const part of ["params", "query", "body"] as const) {
      const result = sanitizeInput(request[part]);
      if ("refused" in result) throw new DomainError("validation_failed", {}, [result.refused]);
      if (result.value !== request[part]) request[part] = result.value as never;
    }
  });
  app.addHook("preHandler", async (request) => {
    for (const part of ["params", "query", "body"] as const) {
      const field = findNonFinite(request[part]);
      if (field !== null) throw new DomainError("validation_failed", {}, [refusal(field, "notFinite")]);
    }
  });
}
