import { type Static, Type } from "@sinclair/typebox";
import { ORG_KINDS, ORG_UNIT_TYPES, REGION_LEVELS } from "../enums.ts";
import { Id, lit } from "./common.ts";

const OrgName = Type.String({ minLength: 1, maxLength: 100 });
const OrgCode = Type.String({ pattern: "^[0-9]{6,12}$", description: "GB/T 2260 division code" });

export const Org = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  kind: Type.Union(ORG_KINDS.map((k) => Type.Literal(k))),
  level: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  active: Type.Boolean(),
  hasChildren: Type.Boolean(),
  /** 单位类型 of an org that is not a region; null for regions. */
  unitType: Type.Union([lit(ORG_UNIT_TYPES), Type.Null()]),
});
export type OrgView = Static<typeof Org>;

export const CreateOrgBody = Type.Object(
  {
    parentId: Id,
    name: OrgName,
    kind: Type.Union(ORG_KINDS.map((k) => Type.Literal(k))),
    level: Type.Optional(Type.Union(REGION_LEVELS.map((k) => Type.Literal(k)))),
    code: Type.Optional(OrgCode),
    unitType: Type.Optional(lit(ORG_UNIT_TYPES)),
  },
  { additionalProperties: false },
);
export type CreateOrgInput = Static<typeof CreateOrgBody>;

export const RenameOrgBody = Type.Object({ name: OrgName }, { additionalProperties: false });
export const MoveOrgBody = Type.Object({ parentId: Id }, { additionalProperties: false });

export const OrgListQuery = Type.Object(
  {
    parentId: Type.Optional(Id),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

/** Sets what a non-region org is (园区, 企业, 医院, 学校, 社区, 其他). */
export const SetOrgUnitTypeBody = Type.Object(
  { unitType: lit(ORG_UNIT_TYPES) },
  { additionalProperties: false },
);
