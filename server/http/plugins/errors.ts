import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  ERRORS,
  type ErrorCode,
  FIELD_ERRORS,
  type FieldErrorCode,
  formatMessage,
  langFrom,
} from "../../../contract/errors.ts";
import { DATE_MAX, DATE_MIN, DATE_PATTERN } from "../../../contract/schemas/common.ts";
import { DomainError, type FieldError } from "../../domain/errors.ts";

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

function fieldOf(e: AjvError, context: string | undefined): string {
  const base = e.instancePath.replace(/^\//, "");
  const extra = (e.params.missingProperty ?? e.params.additionalProperty) as string | undefined;
  const field = [base, extra].filter(Boolean).join("/");
  return field || context || "body";
}

/** At most this many field errors go back: enough to fix a form, never an echo of a hostile body. */
export const MAX_FIELD_ERRORS = 20;

function toFieldError(e: AjvError, context: string | undefined): FieldError {
  const field = fieldOf(e, context);
  // A date outside the product's years fails the shared date pattern: say which years are allowed.
  if (e.keyword === "pattern" && e.params.pattern === DATE_PATTERN)
    return { field, code: "dateRange", params: { min: DATE_MIN, max: DATE_MAX } };
  return {
    field,
    code: (e.keyword in FIELD_ERRORS ? e.keyword : "invalid") as FieldErrorCode,
    params: e.params,
  };
}

function toFieldErrors(error: FastifyError): FieldError[] {
  const all = (error.validation ?? []) as AjvError[];
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of all) {
    const f = toFieldError(e, error.validationContext);
    // A far date fails both `format` and `pattern`; one message per field and code is enough.
    const key = `${f.field}\u0000${f.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length === MAX_FIELD_ERRORS) break;
  }
  return out;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const shanghai = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Times in messages are shown as people read them: Beijing time, to the second. */
const displayParams = (params: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === "string" && ISO_TIME.test(v) ? shanghai.format(new Date(v)) : v,
    ]),
  );

/** Sends an RFC 9457 problem in the request's language. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  fields: FieldError[] = [],
) {
  const lang = request.lang ?? langFrom(request.headers["accept-language"]);
  const def = ERRORS[code];
  // Title and detail alike are filled in: a title must never show a raw `{max}`.
  const message = formatMessage(lang === "en" ? def.en : def.zh, displayParams(params));
  return reply
    .code(def.status)
    .type("application/problem+json; charset=utf-8")
    .send({
      type: `/problems/${code}`,
      title: message,
      status: def.status,
      code,
      detail: message,
      requestId: request.id,
      ...(fields.length > 0 && {
        errors: fields.slice(0, MAX_FIELD_ERRORS).map((f) => ({
          field: f.field,
          code: f.code,
          message: formatMessage(FIELD_ERRORS[f.code][lang], f.params ?? {}),
        })),
      }),
    });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Every error becomes problem+json; only a fault of ours is a 5xx, and it is logged. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      // a rate limit says when to come back (RFC 9110 §10.2.3)
      if (typeof error.params.retryAfter === "number")
        reply.header("retry-after", String(error.params.retryAfter));
      return sendProblem(request, reply, error.code, error.params, error.fields);
    }
    if (error.validation) return sendProblem(request, reply, "validation_failed", {}, toFieldErrors(error));
    if (isUniqueViolation(error)) return sendProblem(request, reply, "conflict");
    // Another process held SQLite's write lock past busy_timeout: a retry will do.
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      reply.header("retry-after", "1");
      return sendProblem(request, reply, "unavailable");
    }
    // PostgreSQL's statement_timeout stopped a query of this request: bounded, not broken.
    if ((error as { code?: string }).code === "57014") {
      reply.header("retry-after", "5");
      request.log.warn({ err: error }, "statement timeout");
      return sendProblem(request, reply, "query_timeout");
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendProblem(request, reply, STATUS_CODES[status] ?? "bad_request");
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(request, reply, "internal");
  });
}
