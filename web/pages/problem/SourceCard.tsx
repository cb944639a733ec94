import { Card, Descriptions, Typography } from "antd";
import { Link } from "react-router";
import type { ProblemDetail } from "../../api/problems";
import { useT } from "../../i18n/I18nProvider";

/** Where the record a source points at opens, by its type. */
const pageOf = (s: NonNullable<ProblemDetail["source"]>) =>
  s.type === "research_finding"
    ? `/research/${s.parentId}`
    : s.type === "supervision_finding"
      ? `/supervision-groups/${s.parentId}`
      : s.type === "meeting_decision"
        ? `/joint-meetings/sessions/${s.parentId}`
        : null;

/** 问题来源: the record the problem came from — a research finding, a supervision finding, a decision. */
export function SourceCard({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const s = problem.source;
  if (!s) return null;
  const page = pageOf(s);
  return (
    <Card title={t("problem.source.title")} size="small" data-testid="problem-source">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: "type", label: t("ledger.col.sourceType"), children: t(`sourceRecord.${s.type}`) },
          { key: "title", label: t("research.topic"), children: s.title },
          {
            key: "text",
            label: t("research.findingText"),
            children: <span style={{ whiteSpace: "pre-wrap" }}>{s.text}</span>,
          },
          ...(s.date ? [{ key: "date", label: t("research.heldOn"), children: s.date }] : []),
        ]}
      />
      {page && s.readable ? (
        <Link to={page} data-testid="problem-source-link">
          {t("problem.source.open")}
        </Link>
      ) : (
        <Typography.Text type="secondary">{t("problem.source.noAccess")}</Typography.Text>
      )}
    </Card>
  );
}
