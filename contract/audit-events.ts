/** Every audit event type the product writes (DESIGN.md §5: `noun.pastTense`). */
export const AUDIT_EVENT_TYPES = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.locked_out",
  "auth.logged_out",
  "auth.mfa_enrolled",
  "auth.mfa_verified",
  "auth.mfa_failed",
  "auth.recovery_code_used",
  "auth.password_changed",
  "org.created",
  "org.renamed",
  "org.moved",
  "org.deactivated",
  "org.activated",
  "org.imported",
  "user.created",
  "user.updated",
  "user.roles_changed",
  "user.password_reset",
  "user.unlocked",
  "demo.seeded",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
