import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Popover, Space } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/I18nProvider";
import { DEFAULT_COLUMNS, PROBLEM_COLUMN_KEYS, type ProblemColumnKey } from "./problemColumns";

const STORAGE_KEY = "rectify.ledger.columns";

function load(): ProblemColumnKey[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed)) {
      const keys = PROBLEM_COLUMN_KEYS.filter((k) => parsed.includes(k));
      if (keys.length > 0) return keys;
    }
  } catch {
    // a broken or missing saved choice falls back to the defaults
  }
  return DEFAULT_COLUMNS;
}

/** The visible ledger columns, remembered in this browser. */
export function useVisibleColumns() {
  const [visible, setVisible] = useState<ProblemColumnKey[]>(load);
  const update = (next: ProblemColumnKey[]) => {
    const ordered = PROBLEM_COLUMN_KEYS.filter((k) => next.includes(k));
    setVisible(ordered);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ordered));
    } catch {
      // the choice then lasts only for this page
    }
  };
  return [visible, update] as const;
}

/** A checkbox list of the ledger's columns. */
export function ColumnChooser({
  value,
  onChange,
}: {
  value: ProblemColumnKey[];
  onChange: (next: ProblemColumnKey[]) => void;
}) {
  const t = useT();
  const content = (
    <div data-testid="column-chooser-list" style={{ maxHeight: 420, overflowY: "auto" }}>
      <Checkbox.Group<ProblemColumnKey>
        value={value}
        onChange={(next) => next.length > 0 && onChange(next)}
        style={{ display: "flex", flexDirection: "column", gap: 4 }}
        options={PROBLEM_COLUMN_KEYS.map((k) => ({ value: k, label: t(`ledger.col.${k}`) }))}
      />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" onClick={() => onChange([...PROBLEM_COLUMN_KEYS])}>
          {t("ledger.allColumns")}
        </Button>
        <Button size="small" onClick={() => onChange(DEFAULT_COLUMNS)}>
          {t("ledger.defaultColumns")}
        </Button>
      </Space>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t("ledger.columns")} content={content}>
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t("ledger.columns")}
      </Button>
    </Popover>
  );
}
