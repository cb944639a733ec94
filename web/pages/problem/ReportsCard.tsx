import { Card, Empty, List, Progress, Typography } from "antd";
import type { ProblemDetail } from "../../api/problems";
import { AttachmentList } from "../../components/AttachmentList";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

/** 进展报送: every report from every unit, newest first, with its evidence. */
export function ReportsCard({ problem }: { problem: ProblemDetail }) {
  const { t, lang } = useI18n();
  const reports = [...problem.reports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Card title={t("report.cardTitle", { n: reports.length })} size="small" data-testid="problem-reports">
      {reports.length === 0 ? (
        <Empty description={t("report.none")} />
      ) : (
        <List
          dataSource={reports}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid="report-item">
              <div style={{ width: "100%" }}>
                <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 12px", alignItems: "center" }}>
                  <Typography.Text strong>{r.orgName}</Typography.Text>
                  <Typography.Text type="secondary">{r.taskTitle}</Typography.Text>
                  <Progress percent={r.percent} size="small" style={{ width: 140, margin: 0 }} />
                  <Typography.Text type="secondary" style={{ marginInlineStart: "auto", fontSize: 12 }}>
                    {r.createdByName} · {formatDateTime(r.createdAt, lang)}
                  </Typography.Text>
                </div>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "8px 0" }}>
                  {r.text}
                </Typography.Paragraph>
                <AttachmentList files={r.attachments} testId="report-attachments" />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
