import { List, Tag, Typography } from "antd";
import { useState } from "react";
import { searchOrgs } from "../../api/orgs";
import type { Org } from "../../api/types";
import { SearchInput } from "../../components/SearchInput";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

/** Search box over orgs in scope; picking a result hands it to `onPick`. */
export function OrgSearch({ onPick }: { onPick: (org: Org) => void }) {
  const { t, lang } = useI18n();
  const [results, setResults] = useState<Org[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (text: string) => {
    if (!text.trim()) {
      setResults(null);
      setError(null);
      return;
    }
    setLoading(true);
    setError(null);
    try {
      setResults(await searchOrgs(text));
    } catch (err) {
      setResults([]);
      setError(errorMessage(err, lang, t));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div>
      <SearchInput
        placeholder={t("orgs.searchPlaceholder")}
        loading={loading}
        onSearch={run}
        testId="org-search"
        style={{ width: "100%" }}
      />
      {results !== null && (
        <div data-testid="org-search-results" style={{ marginTop: 8, maxHeight: 280, overflow: "auto" }}>
          <Typography.Text type="secondary">{t("orgs.searchResults")}</Typography.Text>
          {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
          <List
            size="small"
            dataSource={results}
            locale={{ emptyText: t("orgs.noResults") }}
            renderItem={(o) => (
              <List.Item key={o.id} style={{ cursor: "pointer" }} onClick={() => onPick(o)}>
                <ResultLine o={o} />
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}

function ResultLine({ o }: { o: Org }) {
  const { t } = useI18n();
  return (
    <span>
      <Typography.Link>{o.name}</Typography.Link>
      {o.code && <Typography.Text type="secondary"> {o.code}</Typography.Text>}{" "}
      <Tag>{o.level ? t(`level.${o.level}`) : t(`orgKind.${o.kind}`)}</Tag>
      {!o.active && <Tag color="red">{t("common.inactive")}</Tag>}
    </span>
  );
}
