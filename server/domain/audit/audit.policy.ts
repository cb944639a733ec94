import type { Role } from "../../../contract/enums.ts";
import { type Actor, holdsRole } from "../access/actor.ts";

/** Who reads the audit trail: auditors (纪检监察), within their subtree. */
export const AUDIT_READERS: readonly Role[] = ["auditor"];

export const auditPolicy = {
  read: (a: Actor) => holdsRole(a, AUDIT_READERS),
  verify: (a: Actor) => holdsRole(a, AUDIT_READERS),
};
