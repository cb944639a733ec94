import { rotateSecretsKey } from "../domain/secrets/secrets.commands.ts";
import type { Args } from "./args.ts";
import { withSystem } from "./runtime.ts";

/** `rectify secrets rotate`: a new secrets key, every stored secret re-sealed under it. */
export async function secrets(args: Args): Promise<number> {
  if (args.positional[1] !== "rotate") {
    console.error("usage: rectify secrets rotate");
    return 2;
  }
  const r = await withSystem("secrets", rotateSecretsKey);
  console.log(
    `secrets key rotated: ${r.oldKeyId} → ${r.newKeyId}; re-sealed ${r.totpSecrets} TOTP and ${r.webhookSecrets} robot secret(s); old key kept in ${r.backupFile}`,
  );
  return 0;
}
