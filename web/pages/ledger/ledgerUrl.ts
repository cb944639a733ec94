import type { LedgerFilter } from "./LedgerFilters";

/** Filter fields that take several values (repeated in the URL). */
const LISTS = new Set(["status", "light", "taskStatus"]);
/** Every filter field the ledger's URL carries. */
export const FILTER_KEYS = [
  "campaignId",
  "categoryId",
  "status",
  "light",
  "taskStatus",
  "leadOrgId",
  "rectifyType",
  "closureKind",
  "sourceType",
  "deadlineFrom",
  "deadlineTo",
  "q",
  "registeredFrom",
  "registeredTo",
  "closedFrom",
  "closedTo",
  "returnedFrom",
  "returnedTo",
  "escalation",
] as const;
/** The fields statistics links set that the filter form has no control for. */
export const LINK_ONLY_KEYS = [
  "registeredFrom",
  "registeredTo",
  "closedFrom",
  "closedTo",
  "returnedFrom",
  "returnedTo",
  "escalation",
] as const;

/** The ledger filter a URL's query holds (unknown keys ignored; the server checks the values). */
export function filterFromSearch(search: URLSearchParams): LedgerFilter {
  const out: Record<string, string | string[]> = {};
  for (const key of FILTER_KEYS) {
    if (LISTS.has(key)) {
      const all = search.getAll(key).filter(Boolean);
      if (all.length) out[key] = all;
    } else {
      const v = search.get(key);
      if (v) out[key] = v;
    }
  }
  return out as LedgerFilter;
}

/** The URL query of a ledger filter: arrays repeat their key, empty fields are left out. */
export function searchFromFilter(filter: Partial<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filter[key];
    if (Array.isArray(v)) for (const x of v) params.append(key, String(x));
    else if (v !== undefined && v !== null && v !== "") params.set(key, String(v));
  }
  return params;
}

/** The ledger page listing exactly the rows of `filter`. */
export const ledgerLink = (filter: Partial<Record<string, unknown>>): string => {
  const qs = searchFromFilter(filter).toString();
  return qs ? `/problems?${qs}` : "/problems";
};
