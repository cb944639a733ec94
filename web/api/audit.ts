import { api } from "./client";
import type { AuditEvent, AuditVerifyResult, Envelope } from "./types";

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
