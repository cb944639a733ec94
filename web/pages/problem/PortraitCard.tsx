import { Card, Descriptions, type DescriptionsProps, Typography } from "antd";
import type { ProblemDetail } from "../../api/problems";
import { useT } from "../../i18n/I18nProvider";

const pre = { whiteSpace: "pre-wrap" as const, margin: 0 };

/** 问题画像: what the problem looks like, why, where, for whom, and what counts as fixed. */
export function PortraitCard({ problem: p }: { problem: ProblemDetail }) {
  const t = useT();
  const items: DescriptionsProps["items"] = [
    { key: "desc", label: t("ledger.col.description"), children: <p style={pre}>{p.description}</p> },
  ];
  if (p.portrait.symptoms.length > 0) {
    items.push({
      key: "symptoms",
      label: t("portrait.symptoms"),
      children: (
        <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="portrait-symptoms">
          {p.portrait.symptoms.map((s, i) => (
            // symptoms may repeat word for word; their place in the list is what tells them apart
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>{s}</li>
          ))}
        </ol>
      ),
    });
  }
  const optional: [string, string | undefined][] = [
    [t("portrait.rootCause"), p.portrait.rootCause],
    [t("portrait.scope"), p.portrait.scope],
    [t("portrait.affectedPopulation"), p.portrait.affectedPopulation],
    [t("portrait.evidence"), p.portrait.evidence],
  ];
  for (const [label, value] of optional) {
    if (value) items.push({ key: label, label, children: <p style={pre}>{value}</p> });
  }
  items.push(
    { key: "target", label: t("ledger.col.target"), children: <p style={pre}>{p.target}</p> },
    {
      key: "acceptance",
      label: t("problem.acceptanceStandard"),
      children: <p style={pre}>{p.acceptanceStandard}</p>,
    },
  );
  if (p.remarks) {
    items.push({
      key: "remarks",
      label: t("ledger.col.remarks"),
      children: (
        <p style={pre} data-testid="problem-remarks">
          {p.remarks}
        </p>
      ),
    });
  }
  return (
    <Card title={t("portrait.title")} size="small" data-testid="problem-portrait">
      <Descriptions size="small" column={1} items={items} />
      {p.portrait.symptoms.length === 0 && (
        <Typography.Text type="secondary">{t("portrait.noSymptoms")}</Typography.Text>
      )}
    </Card>
  );
}
