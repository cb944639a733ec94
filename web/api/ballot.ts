import type { Static } from "@sinclair/typebox";
import type { BallotChoice } from "../../contract/enums";
import type { BallotInfo as BallotInfoSchema } from "../../contract/schemas/problem";
import { api } from "./client";
import type { Envelope } from "./types";

export type BallotInfo = Static<typeof BallotInfoSchema>;

/** What the one-time ballot code is for; needs no sign-in. */
export async function fetchBallotInfo(token: string): Promise<BallotInfo> {
  return (await api.post<Envelope<BallotInfo>>("/api/v1/public/ballot-info", { token })).data;
}

export async function castBallot(token: string, choice: BallotChoice, comment?: string): Promise<void> {
  await api.post("/api/v1/public/ballots", { token, choice, ...(comment ? { comment } : {}) });
}
