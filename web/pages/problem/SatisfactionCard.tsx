import { Card, Descriptions, Typography } from "antd";
import { BALLOT_CHOICES_3, BALLOT_CHOICES_5, type BallotChoice } from "../../../contract/enums";
import type { ProblemDetail } from "../../api/problems";
import { formatDateTime } from "../../i18n/format";
import { useI18n, useT } from "../../i18n/I18nProvider";

type Satisfaction = ProblemDetail["satisfaction"];

const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

/** 满意率 against the campaign's threshold, in one line. */
export function SatisfactionLine({
  problem,
}: {
  problem: Pick<ProblemDetail, "satisfaction" | "status" | "closureKind">;
}) {
  const t = useT();
  const s = problem.satisfaction;
  if (problem.closureKind && problem.closureKind !== "rectified") return null;
  if (s.tokensIssued === 0 && problem.status !== "public_review") {
    return (
      <div data-testid="problem-satisfaction">
        <Typography.Text type="secondary">{t("satisfaction.title")}</Typography.Text>
        <div>
          <Typography.Text type="secondary">
            {t(s.required ? "satisfaction.afterReview" : "satisfaction.notRequired")}
          </Typography.Text>
        </div>
      </div>
    );
  }
  const passes = s.rate !== null && s.rate >= s.threshold;
  return (
    <div data-testid="problem-satisfaction" data-rate={s.rate ?? ""}>
      <Typography.Text type="secondary">{t("satisfaction.title")}</Typography.Text>
      <div>
        {s.rate === null ? (
          <Typography.Text>{t("satisfaction.noVotes")}</Typography.Text>
        ) : (
          <Typography.Text strong type={passes ? "success" : "danger"} style={{ fontSize: 18 }}>
            {pct(s.rate)}
          </Typography.Text>
        )}{" "}
        <Typography.Text type="secondary">
          {t("satisfaction.vsThreshold", { threshold: pct(s.threshold), valid: s.valid })}
        </Typography.Text>
      </div>
    </div>
  );
}

/** The raw ballot counts, so any local formula can be checked by hand. */
export function SatisfactionCard({ satisfaction: s }: { satisfaction: Satisfaction }) {
  const { t, lang } = useI18n();
  if (s.tokensIssued === 0 && s.valid === 0) return null;
  const choices: readonly BallotChoice[] = s.scale === 5 ? BALLOT_CHOICES_5 : BALLOT_CHOICES_3;
  return (
    <Card title={t("satisfaction.title")} size="small" data-testid="satisfaction-card">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          ...choices.map((c) => ({
            key: c,
            label: t(`ballotChoice.${c}`),
            children: <span data-testid={`ballot-count-${c}`}>{s.counts[c] ?? 0}</span>,
          })),
          { key: "valid", label: t("satisfaction.valid"), children: s.valid },
          {
            key: "rate",
            label: t("satisfaction.rate"),
            children: s.rate === null ? t("satisfaction.noVotes") : `${pct(s.rate)} / ${pct(s.threshold)}`,
          },
          {
            key: "tokens",
            label: t("satisfaction.tokens"),
            children: t("satisfaction.tokensUsed", { used: s.tokensUsed, issued: s.tokensIssued }),
          },
          ...(s.endsAt
            ? [{ key: "ends", label: t("satisfaction.endsAt"), children: formatDateTime(s.endsAt, lang) }]
            : []),
        ]}
      />
    </Card>
  );
}
