import { api } from "./client";
import type { Envelope } from "./types";

export interface UploadedFile {
  id: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** The largest file the server takes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What the file picker offers: images, PDF, Office documents and plain text. */
export const UPLOAD_ACCEPT =
  "image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.txt,.csv,application/pdf,text/plain";

export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await api.upload<Envelope<UploadedFile>>("/api/v1/attachments", form)).data;
}

/** Where an attachment downloads from (and where an image can be shown). */
export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${encodeURIComponent(id)}`;
}

export function isImage(mime: string): boolean {
  return mime.startsWith("image/");
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
