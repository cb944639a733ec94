import { Type } from "@sinclair/typebox";
import { ABILITIES } from "../enums.ts";
import { Password, RoleName } from "./user.ts";

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
  { additionalProperties: false },
);

export const Me = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    orgId: Type.String(),
    locale: Type.String(),
    mfaEnabled: Type.Boolean(),
  }),
  roles: Type.Array(
    Type.Object({ role: RoleName, orgId: Type.String(), orgName: Type.String(), orgPath: Type.String() }),
  ),
  abilities: Type.Object(Object.fromEntries(ABILITIES.map((a) => [a, Type.Boolean()]))),
  csrfToken: Type.String(),
});

export const LoginResult = Type.Object({
  csrfToken: Type.String(),
  mfaRequired: Type.Boolean(),
  mfaEnrolRequired: Type.Boolean(),
  me: Type.Union([Me, Type.Null()]),
});

export const MfaCodeBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 32 }) },
  { additionalProperties: false },
);
export const MfaEnrolment = Type.Object({
  secret: Type.String(),
  otpauthUrl: Type.String(),
  qrDataUrl: Type.String(),
});
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
