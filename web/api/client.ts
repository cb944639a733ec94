export interface FieldError {
  field: string;
  code: string;
  message: string;
}

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldError[];
}

/** An `application/problem+json` answer (or a network failure) turned into something throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || problem.code || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code ?? (status === 0 ? "network_error" : "http_error");
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? "";
    this.detail = problem.detail ?? "";
    this.errors = problem.errors ?? [];
  }
}

let csrfToken: string | null = null;
let language = "zh-CN";
let onUnauthorized: () => void = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLanguage(lang: string): void {
  language = lang;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Scalar = string | number | boolean | null | undefined;
export type Query = Record<string, Scalar | readonly string[]>;

/** Builds `path?a=1&b=2&b=3`, leaving out empty values; arrays repeat the key. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      for (const v of value) if (v !== "") params.append(key, v);
      continue;
    }
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => "");
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Problem) : {};
  } catch {
    return {};
  }
}

/** Calls the API and returns the parsed JSON body; throws `ApiError` on any failure. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const upper = method.toUpperCase();
  const isForm = body instanceof FormData;
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language };
  // the browser sets a multipart Content-Type (with its boundary) itself
  if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (!SAFE_METHODS.has(upper) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method: upper,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith("/api/v1/auth/")) {
      csrfToken = null;
      onUnauthorized();
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", query ? withQuery(path, query) : path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  del: <T>(path: string) => request<T>("DELETE", path),
  /** Sends `multipart/form-data` (file uploads). */
  upload: <T>(path: string, form: FormData) => request<T>("POST", path, form),
};
