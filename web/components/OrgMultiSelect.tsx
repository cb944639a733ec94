import { Select, Spin } from "antd";
import type { CSSProperties } from "react";
import { useT } from "../i18n/I18nProvider";
import { type OrgOption, orgLabel, useOrgSearch } from "./useOrgSearch";

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  initial?: OrgOption[];
  style?: CSSProperties;
  "data-testid"?: string;
}

/** Picks several orgs in scope, searching by name or code. */
export function OrgMultiSelect({ id, value, onChange, initial, style, ...rest }: Props) {
  const t = useT();
  const { results, loading, onSearch, remember, labelOf } = useOrgSearch(initial);
  const chosen = value ?? [];
  const options = results.map((o) => ({ value: o.id, label: orgLabel(o), disabled: !o.active }));
  for (const v of chosen) {
    if (!options.some((o) => o.value === v))
      options.unshift({ value: v, label: labelOf(v), disabled: false });
  }

  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      data-testid={rest["data-testid"]}
      value={chosen}
      allowClear
      placeholder={t("orgs.pickOrg")}
      style={style}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={loading ? <Spin size="small" /> : t("orgs.pickOrg")}
      options={options}
      onChange={(next) => {
        for (const v of next) remember(v);
        onChange?.(next);
      }}
    />
  );
}
