import { CheckCircleTwoTone, CloseCircleTwoTone } from "@ant-design/icons";
import { Card, Descriptions, Space, Tag, Typography } from "antd";
import { REVIEW_CHECKLIST } from "../../../contract/enums";
import type { ProblemDetail } from "../../api/problems";
import { AttachmentList } from "../../components/AttachmentList";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

function ReviewRecord({ review }: { review: NonNullable<ProblemDetail["review"]> }) {
  const { t, tx, lang } = useI18n();
  const approved = review.decision === "approve";
  return (
    <div data-testid="review-record" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t("review.record")}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={approved ? "success" : "error"} data-testid="review-decision">
          {tx(`reviewDecision.${review.decision}`, review.decision)}
        </Tag>
        <Typography.Text type="secondary">
          {review.reviewerName} · {formatDateTime(review.at, lang)}
        </Typography.Text>
      </Space>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 16px" }}>
        {REVIEW_CHECKLIST.map((k) => (
          <span key={k}>
            {review.checklist[k] ? (
              <CheckCircleTwoTone twoToneColor="#52c41a" />
            ) : (
              <CloseCircleTwoTone twoToneColor="#c8161d" />
            )}{" "}
            {t(`reviewCheck.${k}`)}
          </span>
        ))}
      </div>
      {review.reason && (
        <Typography.Paragraph style={{ marginTop: 8, whiteSpace: "pre-wrap" }}>
          {t("common.labelled", { label: t("review.reason"), value: review.reason })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** 销号申请: the summary and evidence, then the review (审核) record. */
export function CloseOutCard({ problem: p }: { problem: ProblemDetail }) {
  const t = useI18n().t;
  if (!p.closeoutSummary && p.closeoutEvidence.length === 0 && !p.review) return null;
  return (
    <Card title={t("closeout.cardTitle")} size="small" data-testid="problem-closeout">
      {p.closeoutSummary && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: "at",
              label: t("ledger.col.closeoutRequestedAt"),
              children: formatDate(p.closeoutRequestedAt) || t("common.none"),
            },
            {
              key: "summary",
              label: t("closeout.summary"),
              children: <span style={{ whiteSpace: "pre-wrap" }}>{p.closeoutSummary}</span>,
            },
          ]}
        />
      )}
      {p.closeoutEvidence.length > 0 && (
        <>
          <div style={{ margin: "8px 0 4px" }}>
            <Typography.Text type="secondary">{t("closeout.evidence")}</Typography.Text>
          </div>
          <AttachmentList files={p.closeoutEvidence} testId="closeout-evidence" />
        </>
      )}
      {p.review && <ReviewRecord review={p.review} />}
    </Card>
  );
}
