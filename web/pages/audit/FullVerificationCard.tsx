import { useQuery } from "@tanstack/react-query";
import { Alert, Progress, Space, Typography } from "antd";
import { latestVerifications } from "../../api/audit";
import type { AuditVerification } from "../../api/types";
import { errorMessage, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

export const VERIFICATIONS_KEY = ["audit-verifications"];

const percentOf = (v: AuditVerification) =>
  v.targetSeq === 0 ? 100 : Math.min(100, Math.floor((v.checkedSeq / v.targetSeq) * 100));

/** The last full walk of the chain (the daily job) and, while one runs, its progress. */
export function FullVerificationCard() {
  const { t, tx, lang } = useI18n();
  const query = useQuery({
    queryKey: VERIFICATIONS_KEY,
    queryFn: latestVerifications,
    refetchInterval: (q) => (q.state.data?.running ? 3000 : false),
  });
  if (query.error)
    return (
      <Alert type="error" showIcon title={errorMessage(query.error, lang, t)} style={{ marginBottom: 16 }} />
    );
  const running = query.data?.running ?? null;
  const last = query.data?.last ?? null;
  return (
    <Space
      orientation="vertical"
      style={{ width: "100%", marginBottom: 16 }}
      data-testid="audit-full-verification"
    >
      <Typography.Text strong>{t("audit.full.title")}</Typography.Text>
      {running && (
        <div data-testid="audit-full-running">
          <Typography.Text type="secondary">
            {t("audit.full.running", {
              started: formatDateTime(running.startedAt, lang),
              checked: running.checkedSeq,
              target: running.targetSeq,
            })}
          </Typography.Text>
          <Progress percent={percentOf(running)} size="small" status="active" />
        </div>
      )}
      {last ? (
        <Alert
          data-testid="audit-full-last"
          type={last.status === "ok" ? "success" : last.status === "broken" ? "error" : "warning"}
          showIcon
          title={
            last.status === "ok"
              ? t("audit.full.ok", { count: last.checkedSeq, checkpoints: last.checkpoints ?? 0 })
              : last.status === "broken"
                ? t("audit.full.broken", {
                    seq: last.firstBad?.seq ?? "?",
                    reason: last.firstBad
                      ? tx(`audit.reason.${last.firstBad.reason}`, last.firstBad.reason)
                      : "",
                  })
                : t("audit.full.failed", { error: last.error ?? "" })
          }
          description={t("audit.full.when", {
            started: formatDateTime(last.startedAt, lang),
            finished: formatDateTime(last.finishedAt, lang),
          })}
        />
      ) : (
        !running && (
          <Typography.Text type="secondary" data-testid="audit-full-none">
            {t("audit.full.none")}
          </Typography.Text>
        )
      )}
    </Space>
  );
}
