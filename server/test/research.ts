import type { CreateResearchInput } from "../../contract/schemas/research.ts";
import { createResearchVisit } from "../domain/research/research.commands.ts";
import type { TestDb } from "./support.ts";

/** The fields of a research visit with nothing in its lists, over `over`. */
export const researchInput = (
  orgId: string,
  over: Partial<CreateResearchInput> = {},
): CreateResearchInput => ({
  orgId,
  topic: "基层治理调研",
  leadName: "调研组组长",
  participants: [],
  startsOn: "2026-11-02",
  endsOn: "2026-11-03",
  siteOrgIds: [],
  methods: [],
  householdsVisited: 0,
  householdsConsoled: 0,
  households: [],
  symposia: [],
  suggestions: [],
  outcomes: [],
  findings: [],
  ...over,
});

/** A research visit of the org with `code`, its site that org, holding one finding. */
export async function buildResearch(t: TestDb, opts: { org: string }) {
  const org = t.org(opts.org);
  const v = await createResearchVisit(
    t.sys,
    researchInput(org.id, { siteOrgIds: [org.id], findings: [{ text: "调研发现的问题" }] }),
  );
  return { id: v.id, findingId: v.findings[0].id };
}
