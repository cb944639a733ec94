import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretsKey } from "./secret-keys.ts";

/**
 * Secrets at rest: `v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url), AES-256-GCM. The additional
 * data binds a ciphertext to its row (`user-mfa:<id>`, `webhook:<id>`), so a value copied into
 * another row does not open there.
 */
export const SEALED_PREFIX = "v1:";

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

/** The id of the key that sealed `stored`, or null for a value still in clear. */
export const sealedKeyId = (stored: string): string | null =>
  isSealed(stored) ? (stored.split(":")[1] ?? null) : null;

export function sealWith(key: SecretsKey, plain: string, binding: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(binding));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", key.id, iv.toString("base64url"), ct.toString("base64url"), tag.toString("base64url")].join(
    ":",
  );
}

/** Opens a sealed value; throws when the key is not the one named or the value was altered. */
export function openWith(key: SecretsKey, stored: string, binding: string): string {
  const [version, id, iv, ct, tag] = stored.split(":");
  if (version !== "v1" || id !== key.id || !iv || ct === undefined || !tag)
    throw new Error("sealed secret: wrong format or key");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
