import type { Generated } from "kysely";

/** Kysely types of every table (camelCase; the database uses snake_case). */
export interface OrgsTable {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  level: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  sortKey: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  passwordHash: string;
  active: number;
  locale: string;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabled: number;
  failedLogins: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface RoleAssignmentsTable {
  id: string;
  userId: string;
  role: string;
  orgId: string;
  createdAt: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  stage: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  scopePath: string;
  type: string;
  entityType: string;
  entityId: string;
  dataJson: string;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  recoveryCodes: RecoveryCodesTable;
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
}

export type { Generated };
