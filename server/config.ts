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
  bodyLimitBytes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRatePerMinute: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMinLength: number;
  auditKeyFile: string;
  auditCheckpointFile: string;
  webDist: string;
  /** Build the web bundle on `serve` when it is missing or stale. */
  webBuild: boolean;
  problemCodePrefix: string;
  uploadMaxBytes: number;
  /** Argon2 memory cost in KiB; lowered only by the test suite. */
  argon2MemoryKib: number;
  /** Joint meetings propose an item for the agenda after this many working days without progress. */
  meetingStuckWorkingDays: number;
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
    webDist: path.resolve(env.WEB_DIST ?? "web/dist"),
    webBuild: bool(env.WEB_BUILD, true),
    problemCodePrefix: env.PROBLEM_CODE_PREFIX ?? "GX",
    uploadMaxBytes: int("UPLOAD_MAX_BYTES", env.UPLOAD_MAX_BYTES, 20 * 1_048_576),
    argon2MemoryKib: int("ARGON2_MEMORY_KIB", env.ARGON2_MEMORY_KIB, 19_456),
    meetingStuckWorkingDays: int("MEETING_STUCK_WORKING_DAYS", env.MEETING_STUCK_WORKING_DAYS, 10),
    ...overrides,
  };
}
