import { api } from "./client";
import type { Envelope, Page, Role, User } from "./types";

const BASE = "/api/v1/users";

export interface RoleInput {
  role: Role;
  orgId: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  orgId: string;
  roles: RoleInput[];
}

export function listUsers(q: string, limit: number, offset: number): Promise<Page<User>> {
  return api.get<Page<User>>(BASE, { q: q.trim().slice(0, 50), limit, offset });
}

export async function createUser(input: NewUser): Promise<User> {
  return (await api.post<Envelope<User>>(BASE, input)).data;
}

const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export async function setUserRoles(id: string, roles: RoleInput[]): Promise<void> {
  await api.put(`${one(id)}/roles`, { roles });
}

export async function setUserActive(id: string, active: boolean): Promise<void> {
  await api.patch(one(id), { active });
}

export async function resetUserPassword(id: string, password: string): Promise<void> {
  await api.post(`${one(id)}/password`, { password });
}

export async function unlockUser(id: string): Promise<void> {
  await api.post(`${one(id)}/unlock`);
}

/** True while a lock set after failed sign-ins is still running. */
export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

export async function setUserEmail(id: string, email: string | null): Promise<void> {
  await api.patch(one(id), { email });
}
