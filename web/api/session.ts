import { type QueryClient, useQuery } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken } from "./client";
import type { Ability, Envelope, LoginResult, Me, MfaEnrolment } from "./types";

export const ME_KEY = ["auth", "me"] as const;

/** Loads the signed-in user; resolves to null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const res = await api.get<Envelope<Me>>("/api/v1/auth/me");
    setCsrfToken(res.data.csrfToken);
    return res.data;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** True when the signed-in user holds the ability. */
export function can(me: Me | null | undefined, ability: Ability): boolean {
  return Boolean(me?.abilities?.[ability]);
}

export async function login(username: string, password: string): Promise<LoginResult> {
  const res = await api.post<Envelope<LoginResult>>("/api/v1/auth/login", { username, password });
  setCsrfToken(res.data.csrfToken);
  return res.data;
}

/** Checks a TOTP or recovery code; the session is complete afterwards. */
export async function verifyMfa(code: string): Promise<void> {
  const res = await api.post<Envelope<{ csrfToken?: string } | null> | undefined>("/api/v1/auth/mfa/verify", {
    code,
  });
  if (res?.data?.csrfToken) setCsrfToken(res.data.csrfToken);
}

export async function startMfaEnrolment(): Promise<MfaEnrolment> {
  const res = await api.post<Envelope<MfaEnrolment>>("/api/v1/auth/mfa/enrol");
  return res.data;
}

export async function activateMfa(code: string): Promise<string[]> {
  const res = await api.post<Envelope<{ recoveryCodes: string[]; csrfToken?: string }>>(
    "/api/v1/auth/mfa/activate",
    { code },
  );
  if (res.data.csrfToken) setCsrfToken(res.data.csrfToken);
  return res.data.recoveryCodes;
}

/** Ends the session on the server (best effort) and forgets everything cached. */
export async function logout(queryClient: QueryClient): Promise<void> {
  try {
    await api.post("/api/v1/auth/logout");
  } catch {
    // the session may already be gone; the local state is cleared either way
  }
  forgetSession(queryClient);
}

export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.clear();
  queryClient.setQueryData(ME_KEY, null);
}
