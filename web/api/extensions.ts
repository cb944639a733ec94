import type { Static } from "@sinclair/typebox";
import type {
  DecideExtensionBody,
  Extension as ExtensionSchema,
  PendingExtension as PendingExtensionSchema,
  RequestExtensionBody,
} from "../../contract/schemas/extension";
import { api } from "./client";
import type { ProblemDetail } from "./problems";
import type { Envelope, Page } from "./types";

export type Extension = Static<typeof ExtensionSchema>;
export type PendingExtension = Static<typeof PendingExtensionSchema>;
export type ExtensionRequest = Static<typeof RequestExtensionBody>;
export type ExtensionDecision = Static<typeof DecideExtensionBody>;

export const PENDING_EXTENSIONS_KEY = ["extensions", "pending"] as const;
const enc = encodeURIComponent;

/** Asks for a later deadline on a task or on the problem itself; the answer is the updated problem. */
export async function requestExtension(
  target: { kind: "task" | "problem"; id: string },
  body: ExtensionRequest,
): Promise<ProblemDetail> {
  const base = target.kind === "task" ? "/api/v1/tasks" : "/api/v1/problems";
  return (await api.post<Envelope<ProblemDetail>>(`${base}/${enc(target.id)}/extensions`, body)).data;
}

export async function decideExtension(id: string, body: ExtensionDecision): Promise<ProblemDetail> {
  return (await api.post<Envelope<ProblemDetail>>(`/api/v1/extensions/${enc(id)}/decide`, body)).data;
}

export function listPendingExtensions(): Promise<Page<PendingExtension>> {
  return api.get<Page<PendingExtension>>("/api/v1/extensions", { limit: 50 });
}
