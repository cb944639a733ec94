import { ERRORS, type ErrorCode, type FieldErrorCode } from "../../contract/errors.ts";

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, unknown>;
}

/** A refusal a client can cause: carries a stable code; HTTP turns it into problem+json. */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export const notFound = () => new DomainError("not_found");
export const forbidden = () => new DomainError("forbidden");

/** A business-rule refusal naming the field it concerns. */
export const invalid = (code: ErrorCode, field?: string, params: Record<string, unknown> = {}) =>
  new DomainError(code, params, field ? [{ field, code: "invalid", params }] : []);

/** Throws `forbidden` unless the policy allowed it. */
export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
