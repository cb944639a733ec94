import { type TLiteral, type TSchema, type TUnion, Type } from "@sinclair/typebox";

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const IsoTime = Type.String({ description: "ISO-8601 UTC time" });

/** The first and last calendar dates the product accepts anywhere (deadlines, meetings, filters). */
export const DATE_MIN = "2000-01-01";
export const DATE_MAX = "2100-12-31";
/** Years 2000–2100 only: far dates would make every working-day count and sweep pay for them. */
export const DATE_PATTERN = "^(?:20\\d\\d|2100)-\\d\\d-\\d\\d$";

/** A calendar date (Asia/Shanghai) between DATE_MIN and DATE_MAX. */
export const DateOnly = Type.String({
  format: "date",
  pattern: DATE_PATTERN,
  description: `calendar date in Asia/Shanghai, ${DATE_MIN} to ${DATE_MAX}`,
});

/** The `{ data }` envelope every success response uses. */
export const Data = <T extends TSchema>(schema: T) => Type.Object({ data: schema });

export const Ok = Type.Object({ ok: Type.Boolean() });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { $id: "Problem", description: "RFC 9457 problem details; `detail` in the request's language" },
);

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** A union of string literals that keeps the literal types. */
export const lit = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
