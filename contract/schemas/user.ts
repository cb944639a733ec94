import { type Static, Type } from "@sinclair/typebox";
import { ROLES } from "../enums.ts";
import { Id, Paging } from "./common.ts";

export const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const RoleAssignmentInput = Type.Object(
  { role: RoleName, orgId: Id },
  { additionalProperties: false },
);
export const RoleAssignmentView = Type.Object({
  role: RoleName,
  orgId: Type.String(),
  orgName: Type.String(),
});

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  active: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleAssignmentView),
  /** Address for e-mail notifications, if any. */
  email: Type.Union([Type.String(), Type.Null()]),
});
export type UserView = Static<typeof User>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 40, pattern: "^[A-Za-z0-9_.-]+$" }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    password: Password,
    orgId: Id,
    roles: Type.Array(RoleAssignmentInput, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    active: Type.Optional(Type.Boolean()),
    email: Type.Optional(
      Type.Union([Type.String({ minLength: 3, maxLength: 200, format: "email" }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);
export const SetRolesBody = Type.Object(
  { roles: Type.Array(RoleAssignmentInput, { maxItems: 20 }) },
  { additionalProperties: false },
);
export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  { q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), ...Paging },
  { additionalProperties: false },
);
