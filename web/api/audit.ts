import { api } from "./client";
import type { AuditEvent, AuditVerification, AuditVerifyResult, Envelope } from "./types";

export interface AuditFilters {
  type?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  data: AuditEvent[];
  nextBefore: number | null;
}

export const AUDIT_PAGE_SIZE = 50;

export function listAudit(filters: AuditFilters, before: number | null): Promise<AuditPage> {
  return api.get<AuditPage>("/api/v1/audit", { ...filters, before, limit: AUDIT_PAGE_SIZE });
}

/** Recomputes the hash chain on the server. */
export async function verifyAuditChain(): Promise<AuditVerifyResult> {
  return (await api.get<Envelope<AuditVerifyResult>>("/api/v1/audit/verify")).data;
}

/** The full walk in progress (if any) and the newest finished one. */
export async function latestVerifications(): Promise<{
  running: AuditVerification | null;
  last: AuditVerification | null;
}> {
  return (
    await api.get<Envelope<{ running: AuditVerification | null; last: AuditVerification | null }>>(
      "/api/v1/audit/verifications/latest",
    )
  ).data;
}
