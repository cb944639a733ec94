import type { FastifyInstance } from "fastify";
import { DomainError } from "../../domain/errors.ts";

/** The path of the first string holding a NUL character, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object" || depth > 20) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = findNul(v, path ? `${path}/${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses text with NUL characters before validation: no field of the product can hold one,
 * and PostgreSQL cannot store it, so it must be a 400 rather than a database error.
 */
export function registerInputSanity(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const field = findNul(request.params, "") ?? findNul(request.query, "") ?? findNul(request.body, "");
    if (field !== null)
      throw new DomainError("validation_failed", {}, [{ field: field || "body", code: "invalid" }]);
  });
}
