import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A signed statement "the chain had this hash at this seq", kept outside the database. */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

const message = (c: Omit<Checkpoint, "signature">) => Buffer.from(`rectify-audit:${c.seq}:${c.hash}:${c.at}`);

/** Loads the Ed25519 signing key, creating it (mode 0600) on first use. */
export function loadOrCreateSigningKey(keyFile: string): KeyObject {
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync("ed25519");
    fs.writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), {
      mode: 0o600,
      flag: "wx",
    });
  }
  return createPrivateKey(fs.readFileSync(keyFile));
}

/** The signing key, or null when there is none (then no checkpoint can be trusted). */
export function loadSigningKey(keyFile: string): KeyObject | null {
  if (!fs.existsSync(keyFile)) return null;
  const pem = fs.readFileSync(keyFile);
  // A public key verifies checkpoints too: a restore checks a backup with the key it carries.
  return pem.includes("PUBLIC KEY") ? createPublicKey(pem) : createPrivateKey(pem);
}

export function signCheckpoint(key: KeyObject, c: Omit<Checkpoint, "signature">): Checkpoint {
  return { ...c, signature: sign(null, message(c), key).toString("base64") };
}

export function checkpointSignatureValid(key: KeyObject, c: Checkpoint): boolean {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return verify(null, message(c), pub, Buffer.from(c.signature, "base64"));
}

export function appendCheckpoint(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

const isCheckpoint = (c: unknown): c is Checkpoint => {
  const x = c as Partial<Checkpoint> | null;
  return (
    typeof x === "object" &&
    x !== null &&
    Number.isInteger(x.seq) &&
    typeof x.hash === "string" &&
    typeof x.at === "string" &&
    typeof x.signature === "string"
  );
};

/** Reads every checkpoint; a line that is not one counts as a forged checkpoint (seq 0). */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  const forged: Checkpoint = { seq: 0, hash: "", at: "", signature: "" };
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      try {
        const c: unknown = JSON.parse(l);
        return isCheckpoint(c) ? c : forged;
      } catch {
        return forged;
      }
    });
}
