import fs from "node:fs";
import { type Ctx, inTx } from "../../context.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { isSealed, openWith, sealedKeyId, sealWith } from "./secret-box.ts";
import { currentSecretsKey, findSecretsKey, type SecretsKey, writeNewKey } from "./secret-keys.ts";

/** What ties a user's TOTP secret (active or pending) to its row. */
export const mfaBinding = (userId: string) => `user-mfa:${userId}`;
/** What ties a robot's signing secret to its row. */
export const webhookBinding = (webhookId: string) => `webhook:${webhookId}`;

/** Seals a secret for storage with the current key (`SECRETS_KEY_FILE`). */
export function sealSecret(ctx: Ctx, plain: string, binding: string): string {
  return sealWith(currentSecretsKey(ctx.config.secretsKeyFile), plain, binding);
}

/**
 * The clear value of a stored secret. A value still in clear (written before the start-up step
 * sealed it) is returned as it is; a sealed one whose key is gone, or that was altered, throws.
 */
export function openSecret(ctx: Ctx, stored: string, binding: string): string {
  if (!isSealed(stored)) return stored;
  const key = findSecretsKey(ctx.config.secretsKeyFile, sealedKeyId(stored) ?? "");
  if (!key) throw new Error("the key that sealed this secret is not in SECRETS_KEY_FILE's folder");
  return openWith(key, stored, binding);
}

interface StoredSecret {
  table: "users" | "orgWebhooks";
  column: "mfaSecret" | "mfaPendingSecret" | "secret";
  id: string;
  value: string;
  binding: string;
}

/** Every stored secret, locked on PostgreSQL so no write slips between reading and re-sealing. */
async function storedSecrets(ctx: Ctx): Promise<StoredSecret[]> {
  let users = ctx.db
    .selectFrom("users")
    .select(["id", "mfaSecret", "mfaPendingSecret"])
    .where((eb) => eb.or([eb("mfaSecret", "is not", null), eb("mfaPendingSecret", "is not", null)]));
  let hooks = ctx.db.selectFrom("orgWebhooks").select(["id", "secret"]).where("secret", "is not", null);
  if (ctx.engine === "postgres") {
    users = users.forUpdate();
    hooks = hooks.forUpdate();
  }
  const out: StoredSecret[] = [];
  for (const u of await users.execute()) {
    for (const column of ["mfaSecret", "mfaPendingSecret"] as const) {
      const value = u[column];
      if (value !== null) out.push({ table: "users", column, id: u.id, value, binding: mfaBinding(u.id) });
    }
  }
  for (const h of await hooks.execute()) {
    if (h.secret !== null)
      out.push({
        table: "orgWebhooks",
        column: "secret",
        id: h.id,
        value: h.secret,
        binding: webhookBinding(h.id),
      });
  }
  return out;
}

async function store(ctx: Ctx, s: StoredSecret, sealed: string): Promise<void> {
  if (s.table === "users") {
    await ctx.db
      .updateTable("users")
      .set({ [s.column]: sealed })
      .where("id", "=", s.id)
      .execute();
  } else {
    await ctx.db.updateTable("orgWebhooks").set({ secret: sealed }).where("id", "=", s.id).execute();
  }
}

const count = (list: StoredSecret[]) => ({
  totpSecrets: list.filter((s) => s.table === "users").length,
  webhookSecrets: list.filter((s) => s.table === "orgWebhooks").length,
});

/** The root org's path: events about the whole install are visible to the root's auditors. */
async function installScope(ctx: Ctx): Promise<string> {
  const root = await ctx.db
    .selectFrom("orgs")
    .select("path")
    .where("parentId", "is", null)
    .orderBy("path")
    .executeTakeFirst();
  return root?.path ?? "/";
}

/**
 * The start-up step (`serve`, `worker`, `migrate` and every CLI command run it after the
 * migrations): seals every secret still in clear and re-seals those under a key that is no longer
 * the current one. Idempotent: a second run finds nothing to do and writes nothing.
 */
export async function sealStoredSecrets(ctx: Ctx): Promise<{ totpSecrets: number; webhookSecrets: number }> {
  return inTx(ctx, async (ctx) => {
    const key = currentSecretsKey(ctx.config.secretsKeyFile);
    const stale = (await storedSecrets(ctx)).filter((s) => sealedKeyId(s.value) !== key.id);
    for (const s of stale) await store(ctx, s, sealWith(key, openSecret(ctx, s.value, s.binding), s.binding));
    const sealed = count(stale);
    if (stale.length > 0) {
      await recordAudit(ctx, {
        type: "secrets.sealed",
        entityType: "secrets",
        entityId: key.id,
        scopePath: await installScope(ctx),
        data: { keyId: key.id, ...sealed },
      });
    }
    return sealed;
  });
}

export interface RotationResult {
  oldKeyId: string;
  newKeyId: string;
  backupFile: string;
  totpSecrets: number;
  webhookSecrets: number;
}

/**
 * `rectify secrets rotate`: a new key; every secret re-sealed under it in one transaction
 * (audited); then the old key file is kept as `<file>.<time>.bak` and the new one takes its place.
 * Until the files are swapped the new key waits in `<file>.new`, which still opens what was
 * sealed under it should the process stop in between.
 */
export async function rotateSecretsKey(ctx: Ctx): Promise<RotationResult> {
  const file = ctx.config.secretsKeyFile;
  const old = currentSecretsKey(file);
  const nextFile = `${file}.new`;
  // a `.new` left by an interrupted rotation may have sealed rows: keep it among the backups
  const stamp = ctx.now().toISOString().replace(/[:.]/g, "-");
  if (fs.existsSync(nextFile)) fs.renameSync(nextFile, `${file}.${stamp}-interrupted.bak`);
  const next: SecretsKey = writeNewKey(nextFile);
  let counts: { totpSecrets: number; webhookSecrets: number };
  try {
    counts = await inTx(ctx, async (ctx) => {
      const all = await storedSecrets(ctx);
      for (const s of all)
        await store(ctx, s, sealWith(next, openSecret(ctx, s.value, s.binding), s.binding));
      const c = count(all);
      await recordAudit(ctx, {
        type: "secrets.key_rotated",
        entityType: "secrets",
        entityId: next.id,
        scopePath: await installScope(ctx),
        data: { oldKeyId: old.id, newKeyId: next.id, ...c },
      });
      return c;
    });
  } catch (e) {
    fs.rmSync(nextFile, { force: true });
    throw e;
  }
  const backupFile = `${file}.${stamp}.bak`;
  fs.renameSync(file, backupFile);
  fs.renameSync(nextFile, file);
  return { oldKeyId: old.id, newKeyId: next.id, backupFile, ...counts };
}
