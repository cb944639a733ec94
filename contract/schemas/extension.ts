import { Type } from "@sinclair/typebox";
import { EXTENSION_STATUSES } from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";

const NStr = Type.Union([Type.String(), Type.Null()]);

export const RequestExtensionBody = Type.Object(
  { newDeadline: DateOnly, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const DecideExtensionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal("approve"), Type.Literal("refuse")]),
    /** Required when refusing. */
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const Extension = Type.Object({
  id: Type.String(),
  entityType: Type.Union([Type.Literal("task"), Type.Literal("problem")]),
  entityId: Type.String(),
  problemId: Type.String(),
  orgId: Type.String(),
  oldDeadline: Type.String(),
  newDeadline: Type.String(),
  reason: Type.String(),
  status: lit(EXTENSION_STATUSES),
  requestedByName: Type.String(),
  requestedAt: Type.String(),
  decidedByName: NStr,
  decidedAt: NStr,
  comment: NStr,
  abilities: Type.Object({ decide: Type.Boolean() }),
});

export const PendingExtension = Type.Object({
  ...Extension.properties,
  problemCode: Type.String(),
  problemTitle: Type.String(),
  orgName: Type.String(),
  taskTitle: NStr,
});

export const ExtensionListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const ExtensionParams = Type.Object({ id: Id }, { additionalProperties: false });
