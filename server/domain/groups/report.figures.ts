import { SUPERVISION_ACTIVITY_KINDS, type SupervisionActivityKind } from "../../../contract/enums.ts";

/** What the report's figures are computed from: activities with their findings and what those became. */
export interface ActivityForFigures {
  kind: SupervisionActivityKind;
  place: string;
  placeOrgId: string | null;
  findings: { problem: { status: string } | null }[];
}

export interface ReportFigures {
  activities: number;
  /** Activities per kind, every kind present (0 when none). */
  byKind: Record<SupervisionActivityKind, number>;
  /** Distinct places visited (an org counts once however it was written). */
  places: number;
  findings: number;
  /** Findings that became ledger problems. */
  converted: number;
  /** Of those, problems already closed (已销号). */
  closed: number;
}

/** The figures of a supervision report (督导报告), all computed from the records, none typed. */
export function reportFigures(activities: ActivityForFigures[]): ReportFigures {
  const byKind = Object.fromEntries(SUPERVISION_ACTIVITY_KINDS.map((k) => [k, 0])) as Record<
    SupervisionActivityKind,
    number
  >;
  const places = new Set<string>();
  let findings = 0;
  let converted = 0;
  let closed = 0;
  for (const a of activities) {
    byKind[a.kind] += 1;
    places.add(a.placeOrgId ? `org:${a.placeOrgId}` : `text:${a.place.trim()}`);
    for (const f of a.findings) {
      findings += 1;
      if (f.problem) {
        converted += 1;
        if (f.problem.status === "closed") closed += 1;
      }
    }
  }
  return { activities: activities.length, byKind, places: places.size, findings, converted, closed };
}
