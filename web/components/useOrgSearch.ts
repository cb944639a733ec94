import { useEffect, useRef, useState } from "react";
import { searchOrgs } from "../api/orgs";
import type { Org } from "../api/types";

export interface OrgOption {
  value: string;
  label: string;
}

export function orgLabel(org: Org): string {
  return org.code ? `${org.name}（${org.code}）` : org.name;
}

/** Debounced search over the orgs in scope, remembering the labels of orgs seen or given. */
export function useOrgSearch(initial?: OrgOption[]) {
  const [results, setResults] = useState<Org[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

  for (const o of initial ?? []) if (!known.current.has(o.value)) known.current.set(o.value, o.label);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++latest.current;
      setLoading(true);
      try {
        const found = await searchOrgs(text);
        if (mine === latest.current) setResults(found);
      } catch {
        if (mine === latest.current) setResults([]);
      } finally {
        if (mine === latest.current) setLoading(false);
      }
    }, 250);
  };

  /** Notes the label of a picked org so it still shows after the results change. */
  const remember = (id: string) => {
    const org = results.find((o) => o.id === id);
    if (org) known.current.set(org.id, orgLabel(org));
    return org;
  };

  const labelOf = (id: string) => known.current.get(id) ?? id;

  return { results, loading, onSearch, remember, labelOf };
}
