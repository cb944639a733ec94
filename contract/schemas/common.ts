import { type TLiteral, type TSchema, type TUnion, Type } from "@sinclair/typebox";

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const IsoTime = Type.String({ description: "ISO-8601 UTC time" });

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
