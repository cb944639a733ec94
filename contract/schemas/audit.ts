import { type TSchema, Type } from "@sinclair/typebox";
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

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The first break a verification found; a cut chain names the signed checkpoint it no longer reaches. */
export const AuditChainBreak = Type.Object({
  seq: Type.Integer(),
  reason: Type.String(),
  checkpointAt: Type.Optional(Type.String()),
  chainEnd: Type.Optional(Type.Integer()),
});

/** One full walk of the chain (the `audit-verify` job or the CLI), with its progress. */
export const AuditVerification = Type.Object({
  id: Type.String(),
  trigger: Type.String(),
  status: Type.Union([
    Type.Literal("running"),
    Type.Literal("ok"),
    Type.Literal("broken"),
    Type.Literal("failed"),
  ]),
  startedAt: IsoTime,
  updatedAt: IsoTime,
  finishedAt: Nullable(IsoTime),
  targetSeq: Type.Integer(),
  checkedSeq: Type.Integer(),
  firstBad: Nullable(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
  checkpoints: Nullable(Type.Integer()),
  lastCheckpointSeq: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});

export const AuditVerifications = Type.Object({
  running: Nullable(AuditVerification),
  last: Nullable(AuditVerification),
});

/**
 * The bounded verification of a request: from the newest signed checkpoint (`fromSeq`) through
 * `throughSeq`; `complete` is false when more events follow than one request walks. `lastFull`
 * is the newest finished full walk, `running` the one in progress.
 */
export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer(),
  firstBad: Type.Optional(AuditChainBreak),
  checkpoints: Type.Integer(),
  lastCheckpointSeq: Nullable(Type.Integer()),
  verifiedAt: IsoTime,
  fromSeq: Type.Integer(),
  throughSeq: Type.Integer(),
  complete: Type.Boolean(),
  lastFull: Nullable(AuditVerification),
  running: Nullable(AuditVerification),
});
