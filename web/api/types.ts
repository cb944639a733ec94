import type { AuditEventType } from "../../contract/audit-events";
import type { Ability, OrgKind, OrgUnitType, RegionLevel, Role } from "../../contract/enums";

export type { Ability, OrgKind, OrgUnitType, RegionLevel, Role };

export interface RoleAssignment {
  role: Role;
  orgId: string;
  orgName: string;
  orgPath?: string;
}

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    orgId: string;
    locale: string;
    mfaEnabled: boolean;
  };
  roles: RoleAssignment[];
  abilities: Partial<Record<Ability, boolean>>;
  csrfToken: string;
}

export interface LoginResult {
  csrfToken: string;
  mfaRequired: boolean;
  mfaEnrolRequired: boolean;
  me: Me | null;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface Org {
  id: string;
  code: string | null;
  name: string;
  kind: OrgKind;
  level: RegionLevel | null;
  parentId: string | null;
  path: string;
  active: boolean;
  hasChildren: boolean;
  unitType: OrgUnitType | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  active: boolean;
  mfaEnabled: boolean;
  lockedUntil: string | null;
  roles: RoleAssignment[];
  email: string | null;
}

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  type: AuditEventType | string;
  entityType: string;
  entityId: string;
  data: unknown;
  ip?: string | null;
  hash: string;
}

/** One full walk of the audit chain (the daily `audit-verify` job or the CLI). */
export interface AuditVerification {
  id: string;
  trigger: string;
  status: "running" | "ok" | "broken" | "failed";
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  targetSeq: number;
  checkedSeq: number;
  firstBad: { seq: number; reason: string } | null;
  checkpoints: number | null;
  lastCheckpointSeq: number | null;
  error: string | null;
}

/** The bounded check of a request: from the newest signed checkpoint on. */
export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  firstBad?: { seq: number; reason: string; checkpointAt?: string; chainEnd?: number };
  checkpoints?: number;
  lastCheckpointSeq?: number | null;
  verifiedAt?: string;
  fromSeq?: number;
  throughSeq?: number;
  complete?: boolean;
  lastFull?: AuditVerification | null;
  running?: AuditVerification | null;
}

export interface Envelope<T> {
  data: T;
}

export interface Page<T> {
  data: T[];
  total: number;
}
