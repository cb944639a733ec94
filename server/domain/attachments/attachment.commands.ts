import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { stripXmlInvalid } from "../../../contract/text.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { holdsRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError } from "../errors.ts";
import { detectFileType, isControl } from "./file-type.ts";

/** Files live under DATA_DIR/files, outside anything served statically, named by id only. */
export const attachmentPath = (dataDir: string, id: string) => path.join(dataDir, "files", id.slice(-2), id);

/** Keeps only what is safe to show of a client's file name (no path, no control characters). */
export function safeFileName(name: string): string {
  const base = stripXmlInvalid(name).split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => !isControl(ch.charCodeAt(0)) && !'"<>|:*?'.includes(ch))
    .join("")
    .trim()
    .slice(0, 120);
  return clean || "file";
}

/** Other spellings of a detected type's extension that a name may keep. */
const SAME_TYPE: Record<string, readonly string[]> = {
  jpg: ["jpg", "jpeg", "jpe"],
  txt: ["txt", "text", "csv", "md", "log"],
};

/**
 * The name a file is kept and offered under: the client's name made safe, ending in the extension
 * of the type its bytes show (`evil.png.html` holding text becomes `evil.png.txt`), so a download
 * never opens as something it is not.
 */
export function storedFileName(name: string, detectedExt: string): string {
  const safe = safeFileName(name);
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(safe);
  const ext = match?.[1].toLowerCase();
  if (ext && (SAME_TYPE[detectedExt] ?? [detectedExt]).includes(ext)) return safe;
  const stem = (match ? safe.slice(0, match.index) : safe).replace(/[.\s]+$/, "") || "file";
  return `${stem.slice(0, 110)}.${detectedExt}`;
}

/**
 * Stores an evidence file: type from its bytes, SHA-256 in the audit event. The file is written
 * first and removed again if the transaction fails, so no row points at a missing file.
 */
export async function uploadAttachment(ctx: Ctx, input: { bytes: Buffer; fileName: string }) {
  authorize(
    ctx.actor.kind === "user" &&
      holdsRole(ctx.actor, ["coordinator", "supervisor", "unit_lead", "unit_staff"]),
  );
  if (input.bytes.length > ctx.config.uploadMaxBytes) {
    throw new DomainError("file_too_large", { max: Math.floor(ctx.config.uploadMaxBytes / 1_048_576) });
  }
  const type = detectFileType(input.bytes, input.fileName);
  if (!type) throw new DomainError("file_type_refused");
  const id = newId();
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const file = attachmentPath(ctx.config.dataDir, id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, input.bytes, { mode: 0o600, flag: "wx" });
  const originalName = storedFileName(input.fileName, type.ext);
  try {
    return await inTx(ctx, async (ctx) => {
      await ctx.db
        .insertInto("attachments")
        .values({
          id,
          sha256,
          mime: type.mime,
          size: input.bytes.length,
          originalName,
          uploadedBy: ctx.actor.userId as string,
          ownerPath: ctx.actor.homePath,
          problemId: null,
          entityType: null,
          entityId: null,
          createdAt: iso(ctx.now()),
        })
        .execute();
      await recordAudit(ctx, {
        type: "attachment.uploaded",
        entityType: "attachment",
        entityId: id,
        scopePath: ctx.actor.homePath,
        data: { sha256, mime: type.mime, size: input.bytes.length, name: originalName },
      });
      return { id, originalName, mime: type.mime, size: input.bytes.length, sha256 };
    });
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
}

/**
 * Binds uploaded files to a report or close-out. Each must be the actor's own unbound upload,
 * or (for close-out evidence) a file already attached to the same problem.
 */
export async function bindAttachments(
  ctx: Ctx,
  ids: string[],
  target: { problemId: string; entityType: string; entityId: string; allowProblemFiles?: boolean },
  field = "attachmentIds",
): Promise<string[]> {
  const unique = [...new Set(ids)];
  for (const [i, id] of unique.entries()) {
    const a = await ctx.db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
    const ownFree = a && a.entityType === null && a.uploadedBy === ctx.actor.userId;
    const sameProblem = a && target.allowProblemFiles && a.problemId === target.problemId;
    if (!ownFree && !sameProblem) {
      throw new DomainError("attachment_unusable", {}, [{ field: `${field}/${i}`, code: "invalid" }]);
    }
    if (ownFree) {
      await ctx.db
        .updateTable("attachments")
        .set({ problemId: target.problemId, entityType: target.entityType, entityId: target.entityId })
        .where("id", "=", id)
        .execute();
    }
  }
  return unique;
}
