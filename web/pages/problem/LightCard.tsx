import { Card, Descriptions, Empty, Progress, Space, Timeline, Typography } from "antd";
import type { ProblemDetail } from "../../api/problems";
import { LIGHT_COLORS, LightTag, useLightSummary } from "../../components/LightTag";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

/** The problem's warning light with its reasons, planned vs actual progress, and the history of changes. */
export function LightCard({ problem }: { problem: ProblemDetail }) {
  const { t, lang } = useI18n();
  const summary = useLightSummary();
  return (
    <Card title={t("light.cardTitle")} size="small" data-testid="light-card">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Space align="center">
          <LightTag light={problem.light} reasons={problem.lightReasons} testId="problem-light" />
          <Typography.Text type="secondary" data-testid="light-reasons">
            {summary(problem.lightReasons)}
          </Typography.Text>
        </Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("light.planned")}>
            <Progress percent={problem.plannedProgress} size="small" status="normal" showInfo />
          </Descriptions.Item>
          <Descriptions.Item label={t("light.actual")}>
            <Progress percent={problem.progress} size="small" strokeColor={LIGHT_COLORS[problem.light]} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text strong>{t("light.history")}</Typography.Text>
        {problem.lightHistory.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("light.noHistory")} />
        ) : (
          <Timeline
            data-testid="light-history"
            items={problem.lightHistory.map((h) => ({
              key: h.id,
              color: LIGHT_COLORS[h.to],
              content: (
                <div>
                  <Typography.Text>
                    {h.taskTitle ? t("light.ofTask", { title: h.taskTitle }) : t("light.ofProblem")} ·{" "}
                    {t("light.change", { from: t(`light.${h.from}`), to: t(`light.${h.to}`) })}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(h.at, lang)} · {summary(h.reasons)}
                    </Typography.Text>
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </Space>
    </Card>
  );
}
