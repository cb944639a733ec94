import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A 256-bit AES key and the short id that ciphertexts name it by. */
export interface SecretsKey {
  id: string;
  key: Buffer;
}

const KEY_BYTES = 32;

/** The id of a key: a hash prefix, so a ciphertext says which key sealed it without revealing it. */
export const keyIdOf = (key: Buffer): string =>
  createHash("sha256").update("rectify-secrets-key:").update(key).digest("hex").slice(0, 16);

function parseKeyFile(file: string): SecretsKey {
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`secrets key file ${file} does not hold a 256-bit key`);
  return { id: keyIdOf(key), key };
}

/** Writes a new random key to `file` (mode 0600, never over an existing file). */
export function writeNewKey(file: string): SecretsKey {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { id: keyIdOf(key), key };
}

const current = new Map<string, { mtimeMs: number; key: SecretsKey }>();

/** The key that seals new secrets, created on first use; re-read when the file changes (a rotation). */
export function currentSecretsKey(file: string): SecretsKey {
  if (!fs.existsSync(file)) {
    try {
      writeNewKey(file);
    } catch (e) {
      // another process created it first
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const { mtimeMs } = fs.statSync(file);
  const cached = current.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.key;
  const key = parseKeyFile(file);
  current.set(file, { mtimeMs, key });
  return key;
}

/**
 * Every key next to the current one (`secrets.key`, its rotation backups `secrets.key.*.bak` and a
 * `secrets.key.new` left by an interrupted rotation), by id: what opens a secret sealed under an
 * older key until the next start-up step re-seals it.
 */
export function secretsKeyring(file: string): Map<string, SecretsKey> {
  const ring = new Map<string, SecretsKey>();
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!fs.existsSync(dir)) return ring;
  for (const name of fs.readdirSync(dir)) {
    if (name !== base && !name.startsWith(`${base}.`)) continue;
    try {
      const k = parseKeyFile(path.join(dir, name));
      ring.set(k.id, k);
    } catch {
      // not a key file: ignore
    }
  }
  return ring;
}

/** The key with id `id`: the current one, else one of its siblings. */
export function findSecretsKey(file: string, id: string): SecretsKey | null {
  const cur = currentSecretsKey(file);
  if (cur.id === id) return cur;
  return secretsKeyring(file).get(id) ?? null;
}
