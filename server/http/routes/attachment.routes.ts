import fs from "node:fs";
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import type { Config } from "../../config.ts";
import { uploadAttachment } from "../../domain/attachments/attachment.commands.ts";
import { findAttachmentForDownload } from "../../domain/attachments/attachment.queries.ts";
import { DomainError } from "../../domain/errors.ts";

const tags = ["attachments"];
const Uploaded = Type.Object({
  id: Type.String(),
  originalName: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
});

/** RFC 6266 filename*: the name percent-encoded, never raw in the header. */
const contentDisposition = (kind: "inline" | "attachment", name: string) =>
  `${kind}; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const attachmentRoutes =
  (config: Config): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(multipart, {
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5, parts: 6 },
    });
    app.post(
      "/api/v1/attachments",
      { schema: { tags, consumes: ["multipart/form-data"], response: { 200: Data(Uploaded) } } },
      async (req) => {
        if (!req.isMultipart()) throw new DomainError("unsupported_media_type");
        const part = await req.file().catch(() => {
          throw new DomainError("bad_request");
        });
        if (!part) throw new DomainError("file_missing");
        const bytes = await part.toBuffer().catch((e: { code?: string }) => {
          if (e.code === "FST_REQ_FILE_TOO_LARGE") {
            throw new DomainError("file_too_large", { max: Math.floor(config.uploadMaxBytes / 1_048_576) });
          }
          throw new DomainError("bad_request");
        });
        return { data: await uploadAttachment(req.ctx, { bytes, fileName: part.filename }) };
      },
    );
    app.get("/api/v1/attachments/:id", { schema: { tags, params: IdParams } }, async (req, reply) => {
      const a = await findAttachmentForDownload(req.ctx, req.params.id);
      const inline = a.mime.startsWith("image/") || a.mime === "application/pdf";
      return reply
        .type(a.mime)
        .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", a.originalName))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .send(fs.createReadStream(a.file));
    });
  };
