import { Type } from "@sinclair/typebox";
import { Id, IsoTime } from "./common.ts";

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  data: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

export const AuditListQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    entityId: Type.Optional(Id),
    actorId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({
  data: Type.Array(AuditEvent),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer(),
  firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
  checkpoints: Type.Integer(),
  verifiedAt: IsoTime,
});
