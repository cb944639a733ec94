import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({
    issuer: "Rectify 整改通",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUrl = (secretBase32: string, label: string): string =>
  totpFor(secretBase32, label).toString();

/** True when `code` is the TOTP for `at`, allowing one 30-second step either side for clock drift. */
export function totpValid(secretBase32: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, "x").validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

/** The current code (used by tests and the enrolment self-check). */
export const totpAt = (secretBase32: string, at: Date): string =>
  totpFor(secretBase32, "x").generate({ timestamp: at.getTime() });

/** Ten one-time recovery codes like `k3f9-x2mq`, shown once; only their hashes are kept. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(8);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
