import fs from "node:fs";
import type { Ctx } from "../../context.ts";
import { notFound } from "../errors.ts";
import { findSessionById } from "../meetings/meeting.queries.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { findResearchById } from "../research/research.queries.ts";
import { attachmentPath } from "./attachment.commands.ts";

/** A file the actor may download: their own upload, or one bound to a problem a meeting's minutes or a research visit they can see. */
export async function findAttachmentForDownload(ctx: Ctx, id: string) {
  const a = await ctx.db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a) throw notFound();
  if (a.problemId) await findProblemById(ctx, a.problemId);
  else if (a.entityType === "meeting_minutes" && a.entityId) await findSessionById(ctx, a.entityId);
  else if (a.entityType === "research_report" && a.entityId) await findResearchById(ctx, a.entityId);
  else if (a.uploadedBy !== ctx.actor.userId) throw notFound();
  const file = attachmentPath(ctx.config.dataDir, a.id);
  if (!fs.existsSync(file)) throw notFound();
  return { ...a, file };
}
