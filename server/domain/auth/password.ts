import { hash, verify } from "@node-rs/argon2";
import { DomainError } from "../errors.ts";

/** argon2id, OWASP parameters (memory in KiB from settings). */
// Algorithm.Argon2id is a const enum that isolated modules cannot read; its value is 2.
const ARGON2ID = 2;

export async function hashPassword(password: string, memoryKib: number): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: memoryKib, timeCost: 2, parallelism: 1 });
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Length is the rule (no composition rules, per current guidance); `field` names the input. */
export function checkPasswordStrength(password: string, minLength: number, field = "password"): void {
  if ([...password].length < minLength) {
    throw new DomainError("password_too_short", { min: minLength }, [
      { field, code: "minLength", params: { limit: minLength } },
    ]);
  }
}
