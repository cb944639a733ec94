import path from "node:path";

/** Every setting of the product, parsed once from the environment (README lists them). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  nodeEnv: string;
  demo: boolean;
  requireMfa: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** When set, `/metrics` answers only a scrape that sends `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  bodyLimitBytes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRatePerMinute: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMinLength: number;
  auditKeyFile: string;
  auditCheckpointFile: string;
  /** Bounds on HTTP work: socket inactivity, receiving a whole request, idle keep-alive. */
  httpConnectionTimeoutMs: number;
  httpRequestTimeoutMs: number;
  httpKeepAliveTimeoutMs: number;
  /** Largest request head (request line and headers) in bytes, and most header fields. */
  httpMaxHeaderBytes: number;
  httpMaxHeaders: number;
  /** Most query-string parameters a request may carry. */
  queryMaxParams: number;
  /** PostgreSQL `statement_timeout` on the connections that serve requests (0: none); jobs and the CLI have none. */
  dbStatementTimeoutMs: number;
  /** Most events `GET /api/v1/audit/verify` recomputes (from the last signed checkpoint on). */
  auditVerifyRequestMaxEvents: number;
  /** AES-256 key that seals TOTP and robot signing secrets in the database; kept outside it. */
  secretsKeyFile: string;
  webDist: string;
  /** Build the web bundle on `serve` when it is missing or stale. */
  webBuild: boolean;
  problemCodePrefix: string;
  uploadMaxBytes: number;
  /** Argon2 memory cost in KiB; lowered only by the test suite. */
  argon2MemoryKib: number;
  /** Run the scheduled jobs (and notification delivery) inside `serve`. */
  jobsInServe: boolean;
  /** Per-job interval overrides in ms (`JOB_INTERVALS=public-reviews=60000,deliver-notifications=5000`). */
  jobIntervals: Record<string, number>;
  /** Address users reach the web app at; links in e-mails and robot messages start with it. */
  publicUrl: string;
  smtp: SmtpConfig | null;
  notify: NotifyConfig;
  /** The word before 〔year〕 in supervision-notice numbers, e.g. 督办〔2026〕12号. */
  noticeNumberPrefix: string;
  /** Joint meetings propose an item for the agenda after this many working days without progress. */
  meetingStuckWorkingDays: number;
  /** Where the scheduled `backup` job writes; null leaves it off. */
  backupDir: string | null;
  /** How many scheduled backups to keep (the oldest go first). */
  backupKeep: number;
  /** First delay after LOCKOUT_THRESHOLD failed sign-ins from one address on one account; doubles after. */
  loginDelayBaseSeconds: number;
  /** Limits on anonymous writes (objections, ballots), counted per client address and per item. */
  publicLimits: PublicLimits;
}

/** Anonymous writes allowed per window, by kind; 0 means unlimited. */
export interface PublicLimits {
  windowMinutes: number;
  perAddress: Record<AnonymousWriteKind, number>;
  perItem: Record<AnonymousWriteKind, number>;
}

/** What the public may write without an account (the opinion intake joins this list). */
export type AnonymousWriteKind = "objection" | "ballot";

export interface SmtpConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; wins over the separate host settings. */
  url: string | null;
  host: string | null;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  from: string;
}

export interface NotifyConfig {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  claimTimeoutMs: number;
  batchSize: number;
  sendTimeoutMs: number;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === "") return dflt;
  return ["1", "true", "yes", "on"].includes(v.toLowerCase());
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`setting ${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function intervals(v: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (v ?? "").split(",").filter((p) => p.trim())) {
    const [name, ms] = part.split("=").map((x) => x.trim());
    const n = Number(ms);
    if (!name || !Number.isInteger(n) || n < 100)
      throw new Error(`setting JOB_INTERVALS must read name=ms,… with ms ≥ 100, got "${part}"`);
    out[name] = n;
  }
  return out;
}

/** Reads the configuration from `env`; throws with the setting's name when a value is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV ?? "development";
  const dataDir = path.resolve(env.DATA_DIR ?? "data");
  const demo = bool(env.DEMO, nodeEnv !== "production");
  return {
    port: int("PORT", env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    nodeEnv,
    demo,
    requireMfa: bool(env.REQUIRE_MFA, !demo),
    logLevel: env.LOG_LEVEL ?? "info",
    trustProxy: bool(env.TRUST_PROXY, false),
    metricsToken: env.METRICS_TOKEN || null,
    bodyLimitBytes: int("BODY_LIMIT_BYTES", env.BODY_LIMIT_BYTES, 1_048_576),
    sessionIdleMinutes: int("SESSION_IDLE_MINUTES", env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int("SESSION_ABSOLUTE_HOURS", env.SESSION_ABSOLUTE_HOURS, 12),
    loginRatePerMinute: int("LOGIN_RATE_PER_MINUTE", env.LOGIN_RATE_PER_MINUTE, 20),
    lockoutThreshold: int("LOCKOUT_THRESHOLD", env.LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int("LOCKOUT_MINUTES", env.LOCKOUT_MINUTES, 15),
    passwordMinLength: int("PASSWORD_MIN_LENGTH", env.PASSWORD_MIN_LENGTH, 12),
    auditKeyFile: path.resolve(env.AUDIT_KEY_FILE ?? path.join(dataDir, "keys", "audit-ed25519.pem")),
    auditCheckpointFile: path.resolve(
      env.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, "checkpoints", "audit-checkpoints.jsonl"),
    ),
    httpConnectionTimeoutMs: int("HTTP_CONNECTION_TIMEOUT_MS", env.HTTP_CONNECTION_TIMEOUT_MS, 60_000),
    httpRequestTimeoutMs: int("HTTP_REQUEST_TIMEOUT_MS", env.HTTP_REQUEST_TIMEOUT_MS, 120_000),
    httpKeepAliveTimeoutMs: int("HTTP_KEEPALIVE_TIMEOUT_MS", env.HTTP_KEEPALIVE_TIMEOUT_MS, 72_000),
    httpMaxHeaderBytes: Math.max(1024, int("HTTP_MAX_HEADER_BYTES", env.HTTP_MAX_HEADER_BYTES, 16_384)),
    httpMaxHeaders: Math.max(10, int("HTTP_MAX_HEADERS", env.HTTP_MAX_HEADERS, 100)),
    queryMaxParams: Math.max(1, int("QUERY_MAX_PARAMS", env.QUERY_MAX_PARAMS, 50)),
    dbStatementTimeoutMs: int("DB_STATEMENT_TIMEOUT_MS", env.DB_STATEMENT_TIMEOUT_MS, 15_000),
    auditVerifyRequestMaxEvents: Math.max(
      1,
      int("AUDIT_VERIFY_REQUEST_MAX_EVENTS", env.AUDIT_VERIFY_REQUEST_MAX_EVENTS, 20_000),
    ),
    secretsKeyFile: path.resolve(env.SECRETS_KEY_FILE ?? path.join(dataDir, "keys", "secrets.key")),
    webDist: path.resolve(env.WEB_DIST ?? "web/dist"),
    webBuild: bool(env.WEB_BUILD, true),
    problemCodePrefix: env.PROBLEM_CODE_PREFIX ?? "GX",
    uploadMaxBytes: int("UPLOAD_MAX_BYTES", env.UPLOAD_MAX_BYTES, 20 * 1_048_576),
    argon2MemoryKib: int("ARGON2_MEMORY_KIB", env.ARGON2_MEMORY_KIB, 19_456),
    jobsInServe: bool(env.JOBS_IN_SERVE, true),
    jobIntervals: intervals(env.JOB_INTERVALS),
    publicUrl: (env.PUBLIC_URL || "http://localhost:3000").replace(/\/+$/, ""),
    smtp:
      env.SMTP_URL || env.SMTP_HOST
        ? {
            url: env.SMTP_URL || null,
            host: env.SMTP_HOST || null,
            port: int("SMTP_PORT", env.SMTP_PORT, 587),
            secure: bool(env.SMTP_SECURE, false),
            user: env.SMTP_USER || null,
            pass: env.SMTP_PASS || null,
            from: env.SMTP_FROM || "整改通 <rectify@localhost>",
          }
        : null,
    notify: {
      maxAttempts: Math.max(1, int("NOTIFY_MAX_ATTEMPTS", env.NOTIFY_MAX_ATTEMPTS, 8)),
      backoffBaseMs: int("NOTIFY_BACKOFF_BASE_MS", env.NOTIFY_BACKOFF_BASE_MS, 30_000),
      backoffMaxMs: int("NOTIFY_BACKOFF_MAX_MS", env.NOTIFY_BACKOFF_MAX_MS, 3_600_000),
      claimTimeoutMs: int("NOTIFY_CLAIM_TIMEOUT_MS", env.NOTIFY_CLAIM_TIMEOUT_MS, 120_000),
      batchSize: Math.max(1, int("NOTIFY_BATCH_SIZE", env.NOTIFY_BATCH_SIZE, 20)),
      sendTimeoutMs: int("NOTIFY_SEND_TIMEOUT_MS", env.NOTIFY_SEND_TIMEOUT_MS, 10_000),
    },
    noticeNumberPrefix: env.NOTICE_NUMBER_PREFIX || "督办",
    meetingStuckWorkingDays: int("MEETING_STUCK_WORKING_DAYS", env.MEETING_STUCK_WORKING_DAYS, 10),
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : null,
    backupKeep: Math.max(1, int("BACKUP_KEEP", env.BACKUP_KEEP, 7)),
    loginDelayBaseSeconds: int("LOGIN_DELAY_BASE_SECONDS", env.LOGIN_DELAY_BASE_SECONDS, 30),
    publicLimits: {
      windowMinutes: Math.max(1, int("PUBLIC_RATE_WINDOW_MINUTES", env.PUBLIC_RATE_WINDOW_MINUTES, 60)),
      perAddress: {
        objection: int("OBJECTIONS_PER_ADDRESS", env.OBJECTIONS_PER_ADDRESS, 5),
        ballot: int("BALLOTS_PER_ADDRESS", env.BALLOTS_PER_ADDRESS, 60),
      },
      perItem: {
        objection: int("OBJECTIONS_PER_ITEM", env.OBJECTIONS_PER_ITEM, 50),
        ballot: int("BALLOTS_PER_ITEM", env.BALLOTS_PER_ITEM, 1000),
      },
    },
    ...overrides,
  };
}
