import { Select, Spin } from "antd";
import { useRef, useState } from "react";
import { type Person, searchPeople } from "../../api/bodies";
import { useT } from "../../i18n/I18nProvider";

export interface PersonOption {
  value: string;
  label: string;
}

interface Props {
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Labels for people already chosen. */
  initial?: PersonOption[];
  "data-testid"?: string;
}

const label = (p: Person) => `${p.name}（${p.orgName}）`;

/** Picks people in the organiser's scope by name or username, one or several. */
export function PersonSelect({ id, value, onChange, multiple, initial = [], ...rest }: Props) {
  const t = useT();
  const [results, setResults] = useState<Person[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map(initial.map((o) => [o.value, o.label])));
  const seq = useRef(0);

  const onSearch = async (q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const found = await searchPeople(q);
      if (mine !== seq.current) return;
      for (const p of found) known.current.set(p.id, label(p));
      setResults(found);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };
  const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter(
    (v) => !results.some((p) => p.id === v),
  );
  const options = [
    ...chosen.map((v) => ({ value: v, label: known.current.get(v) ?? v })),
    ...results.map((p) => ({ value: p.id, label: label(p) })),
  ];
  return (
    <Select<string | string[]>
      id={id}
      data-testid={rest["data-testid"]}
      mode={multiple ? "multiple" : undefined}
      value={value}
      allowClear
      placeholder={t("bodies.pickPerson")}
      showSearch={{ filterOption: false, onSearch: (q) => void onSearch(q) }}
      onFocus={() => {
        if (results.length === 0) void onSearch("");
      }}
      notFoundContent={loading ? <Spin size="small" /> : t("bodies.pickPerson")}
      options={options}
      onChange={(next) => onChange?.(next)}
    />
  );
}
