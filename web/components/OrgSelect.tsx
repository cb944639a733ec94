import { Select, Spin } from "antd";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import { searchOrgs } from "../api/orgs";
import type { Org } from "../api/types";
import { useT } from "../i18n/I18nProvider";

export interface OrgOption {
  value: string;
  label: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined, org?: Org) => void;
  /** Labels for values set before any search (e.g. an existing assignment). */
  initial?: OrgOption[];
  /** An org that may not be picked (e.g. the one being moved). */
  exclude?: string;
  placeholder?: string;
  style?: CSSProperties;
  "data-testid"?: string;
}

function orgLabel(org: Org): string {
  return org.code ? `${org.name}（${org.code}）` : org.name;
}

/** A select that searches orgs in scope by name or code as the user types. */
export function OrgSelect({ id, value, onChange, initial, exclude, placeholder, style, ...rest }: Props) {
  const t = useT();
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

  const options = results
    .filter((o) => o.id !== exclude)
    .map((o) => ({ value: o.id, label: orgLabel(o), disabled: !o.active }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: known.current.get(value) ?? value, disabled: false });
  }

  return (
    <Select<string>
      id={id}
      data-testid={rest["data-testid"]}
      value={value}
      allowClear
      placeholder={placeholder ?? t("orgs.pickOrg")}
      style={style}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={loading ? <Spin size="small" /> : t("orgs.pickOrg")}
      options={options}
      onChange={(next) => {
        const org = results.find((o) => o.id === next);
        if (org) known.current.set(org.id, orgLabel(org));
        onChange?.(next, org);
      }}
    />
  );
}
