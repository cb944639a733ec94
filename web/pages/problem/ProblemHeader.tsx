import {
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd";
import type { ReactNode } from "react";
import type { ProblemDetail } from "../../api/problems";
import { ProblemStatusTag, ProgressBar } from "../../components/ProblemTags";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";
import { SatisfactionLine } from "./SatisfactionCard";

/** Code, title, state, progress and the ledger facts of one problem, with its action bar below. */
export function ProblemHeader({ problem: p, actions }: { problem: ProblemDetail; actions: ReactNode }) {
  const { t, lang } = useI18n();
  const none = t("common.none");
  const deadline =
    p.deadline && p.originalDeadline && p.deadline !== p.originalDeadline
      ? t("problem.deadlineExtended", {
          deadline: formatDate(p.deadline),
          original: formatDate(p.originalDeadline),
        })
      : formatDate(p.deadline) || none;

  const items: DescriptionsProps["items"] = [
    { key: "campaign", label: t("ledger.col.campaign"), children: p.campaignName },
    { key: "category", label: t("ledger.col.category"), children: p.categoryName ?? none },
    {
      key: "source",
      label: t("ledger.col.sourceType"),
      children: `${t(`sourceType.${p.sourceType}`)}${p.sourceRef ? ` · ${p.sourceRef}` : ""}`,
    },
    { key: "lead", label: t("ledger.col.leadOrg"), children: p.leadOrgName ?? none },
    { key: "co", label: t("ledger.col.coOrgs"), children: p.coOrgs.map((o) => o.name).join("、") || none },
    { key: "leader", label: t("ledger.col.responsibleLeader"), children: p.responsibleLeader ?? none },
    { key: "person", label: t("ledger.col.responsiblePerson"), children: p.responsiblePerson ?? none },
    { key: "deadline", label: t("ledger.col.deadline"), children: deadline },
    { key: "owner", label: t("problem.ownerOrg"), children: p.ownerOrgName },
    { key: "updated", label: t("ledger.col.updatedAt"), children: formatDateTime(p.updatedAt, lang) },
  ];
  if (p.closedAt)
    items.push({ key: "closed", label: t("ledger.col.closedAt"), children: formatDate(p.closedAt) });
  if (p.closureKind) {
    items.push({
      key: "closure",
      label: t("ledger.col.closureKind"),
      children: (
        <span data-testid="problem-closure-kind">
          {t(`closureKind.${p.closureKind}`)}
          {p.closureReason ? ` · ${p.closureReason}` : ""}
        </span>
      ),
    });
  }
  if (p.followupDue)
    items.push({ key: "fdue", label: t("problem.followupDue"), children: formatDate(p.followupDue) });
  if (p.followupResult)
    items.push({ key: "fres", label: t("ledger.col.followupResult"), children: p.followupResult });

  return (
    <Card data-testid="problem-header">
      <Space wrap align="center" size={12}>
        <Typography.Text strong style={{ fontSize: 18 }} copyable data-testid="problem-code">
          {p.code}
        </Typography.Text>
        <ProblemStatusTag status={p.status} closureKind={p.closureKind} testId="problem-status" />
        <Tag color="blue">{t(`rectifyType.${p.rectifyType}`)}</Tag>
        {p.isPublic && <Tag color="volcano">{t("problem.public")}</Tag>}
      </Space>
      <Typography.Title level={3} style={{ marginTop: 8 }} data-testid="problem-title">
        {p.title}
      </Typography.Title>
      <Row gutter={[24, 16]} align="middle" style={{ marginBottom: 16 }}>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary">{t("ledger.col.progress")}</Typography.Text>
          <ProgressBar percent={p.progress} testId="problem-progress" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t("ledger.col.reopenCount")}
            value={p.reopenCount}
            valueRender={() => <span data-testid="problem-reopen-count">{p.reopenCount}</span>}
          />
        </Col>
        <Col xs={24} md={10}>
          <SatisfactionLine problem={p} />
        </Col>
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      <div style={{ marginTop: 16 }}>{actions}</div>
    </Card>
  );
}
