import { api } from "./client";
import type { Envelope, Org, OrgKind, OrgUnitType, RegionLevel } from "./types";

const BASE = "/api/v1/orgs";

/** The caller's scope roots. */
export async function fetchOrgRoots(): Promise<Org[]> {
  return (await api.get<Envelope<Org[]>>(`${BASE}/tree`)).data;
}

export async function fetchOrgChildren(parentId: string): Promise<Org[]> {
  return (await api.get<Envelope<Org[]>>(BASE, { parentId, limit: 500 })).data;
}

export async function fetchOrg(id: string): Promise<Org> {
  return (await api.get<Envelope<Org>>(`${BASE}/${encodeURIComponent(id)}`)).data;
}

/** Orgs in scope whose name or code matches. */
export async function searchOrgs(q: string, limit = 50): Promise<Org[]> {
  const text = q.trim();
  if (!text) return [];
  return (await api.get<Envelope<Org[]>>(BASE, { q: text.slice(0, 50), limit })).data;
}

export interface NewOrg {
  parentId: string;
  name: string;
  kind: OrgKind;
  level?: RegionLevel;
  code?: string;
  unitType?: OrgUnitType;
}

export async function createOrg(input: NewOrg): Promise<Org> {
  return (await api.post<Envelope<Org>>(BASE, input)).data;
}

export async function renameOrg(id: string, name: string): Promise<void> {
  await api.patch(`${BASE}/${encodeURIComponent(id)}`, { name });
}

export async function setOrgUnitType(id: string, unitType: OrgUnitType): Promise<void> {
  await api.put(`${BASE}/${encodeURIComponent(id)}/unit-type`, { unitType });
}

export async function moveOrg(id: string, parentId: string): Promise<void> {
  await api.post(`${BASE}/${encodeURIComponent(id)}/move`, { parentId });
}

export async function setOrgActive(id: string, active: boolean): Promise<void> {
  await api.post(`${BASE}/${encodeURIComponent(id)}/${active ? "activate" : "deactivate"}`);
}

/** The segment an org contributes to every descendant's path: its code, else its id. */
export function pathSegment(org: Pick<Org, "code" | "id">): string {
  return org.code ?? org.id;
}

export function pathSegments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

const NEXT_LEVEL: Record<RegionLevel, RegionLevel | undefined> = {
  province: "city",
  city: "county",
  county: "town",
  town: "village",
  village: undefined,
};

/** The region level a new child region most likely has. */
export function childLevel(parent: Org): RegionLevel | undefined {
  return parent.kind === "region" && parent.level ? NEXT_LEVEL[parent.level] : undefined;
}
