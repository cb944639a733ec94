import { Select, Spin } from "antd";
import type { CSSProperties } from "react";
import type { Org } from "../api/types";
import { useT } from "../i18n/I18nProvider";
import { type OrgOption, orgLabel, useOrgSearch } from "./useOrgSearch";

export type { OrgOption };

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

/** A select that searches orgs in scope by name or code as the user types. */
export function OrgSelect({ id, value, onChange, initial, exclude, placeholder, style, ...rest }: Props) {
  const t = useT();
  const { results, loading, onSearch, remember, labelOf } = useOrgSearch(initial);

  const options = results
    .filter((o) => o.id !== exclude)
    .map((o) => ({ value: o.id, label: orgLabel(o), disabled: !o.active }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: labelOf(value), disabled: false });
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
      onChange={(next) => onChange?.(next, next ? remember(next) : undefined)}
    />
  );
}
