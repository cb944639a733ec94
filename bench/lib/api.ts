import type { Static } from "@sinclair/typebox";
import type { LoginResult } from "../../contract/schemas/auth.ts";

export interface Session {
  /** `rectify_sid=…`, ready for a `cookie` header. */
  cookie: string;
  csrf: string;
  login: Static<typeof LoginResult>;
}

/** A JSON client for one server under test (used to prepare and check scenarios, not to load them). */
export class Api {
  constructor(readonly url: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  /** Like `request`, but throws unless the answer is 2xx. */
  async ok<T = unknown>(
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<T> {
    const res = await this.request<T>(method, path, opts);
    if (res.status < 200 || res.status >= 300)
      throw new Error(`${method} ${this.url}${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Signs in through POST /api/v1/auth/login and keeps the session cookie and CSRF token. */
  async login(username: string, password: string): Promise<Session> {
    const res = await this.request<{ data: Static<typeof LoginResult> }>("POST", "/api/v1/auth/login", {
      body: { username, password },
    });
    if (res.status !== 200)
      throw new Error(`login ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith("rectify_sid="));
    if (!sid) throw new Error(`login ${username} set no session cookie`);
    const login = res.body.data;
    if (!login.me) throw new Error(`login ${username} needs an MFA step; the bench runs with REQUIRE_MFA=0`);
    return { cookie: sid.split(";")[0], csrf: login.csrfToken, login };
  }
}
