import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Result, Spin, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { BALLOT_CHOICES_3, BALLOT_CHOICES_5, type BallotChoice } from "../../contract/enums";
import { castBallot, fetchBallotInfo } from "../api/ballot";
import { ApiError } from "../api/client";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { LangSwitch } from "../i18n/LangSwitch";
import { brandRed } from "../theme";
import { ChoiceButtons } from "./ballot/ChoiceButtons";

// these answers mean the code can never be used again, so the form goes away
const FINAL_ERRORS = new Set([
  "ballot_token_unknown",
  "ballot_token_used",
  "ballot_token_expired",
  "ballot_closed",
]);

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: "100vh", background: "#f3f5f8" }}>
      <div
        style={{
          background: "#1d4f91",
          color: "#fff",
          padding: "12px 16px",
          display: "flex",
          alignItems: "center",
          gap: 8,
        }}
      >
        <Typography.Text strong style={{ color: "#fff", fontSize: 18, flex: 1 }}>
          {t("app.name")} · {t("ballot.heading")}
        </Typography.Text>
        <LangSwitch />
      </div>
      <div style={{ maxWidth: 520, margin: "0 auto", padding: 12 }}>{children}</div>
    </div>
  );
}

/** The public ballot: one-time code in `?t=`, no sign-in, built for a phone screen. */
export function BallotPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const token = (params.get("t") ?? "").trim();
  const [choice, setChoice] = useState<BallotChoice | null>(null);
  const [comment, setComment] = useState("");
  const info = useQuery({
    queryKey: ["ballot", token, lang],
    queryFn: () => fetchBallotInfo(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const cast = useMutation({ mutationFn: () => castBallot(token, choice as BallotChoice, comment.trim()) });

  const failure = (err: unknown) => (
    <Card>
      <Result
        status="warning"
        title={t("ballot.cannotVote")}
        subTitle={<span data-testid="ballot-error">{errorMessage(err, lang, t)}</span>}
      />
    </Card>
  );

  if (!token)
    return (
      <Shell>
        {failure(new ApiError(404, { code: "ballot_token_unknown", detail: t("ballot.noToken") }))}
      </Shell>
    );
  if (info.isPending)
    return (
      <Shell>
        <Spin size="large" style={{ display: "block", margin: "80px auto" }} />
      </Shell>
    );
  if (info.error) return <Shell>{failure(info.error)}</Shell>;
  if (cast.isSuccess) {
    return (
      <Shell>
        <Card>
          <Result
            status="success"
            title={<span data-testid="ballot-done">{t("ballot.thanks")}</span>}
            subTitle={t("ballot.thanksHint")}
          />
        </Card>
      </Shell>
    );
  }
  if (cast.error instanceof ApiError && FINAL_ERRORS.has(cast.error.code))
    return <Shell>{failure(cast.error)}</Shell>;

  const ballot = info.data;
  const choices: readonly BallotChoice[] = ballot.scale === 5 ? BALLOT_CHOICES_5 : BALLOT_CHOICES_3;
  return (
    <Shell>
      <Card style={{ borderTop: `4px solid ${brandRed}` }}>
        <Typography.Text type="secondary">{ballot.problemCode}</Typography.Text>
        <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="ballot-title">
          {ballot.title}
        </Typography.Title>
        {ballot.summary && (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} ellipsis={{ rows: 6, expandable: true }}>
            {ballot.summary}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph strong>{t("ballot.question")}</Typography.Paragraph>
        <ChoiceButtons choices={choices} value={choice} onChange={setChoice} />
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>
          {t("ballot.comment")}
        </Typography.Paragraph>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3 }}
          placeholder={t("ballot.commentHint")}
          data-testid="ballot-comment"
        />
        {cast.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={<span data-testid="ballot-error">{errorMessage(cast.error, lang, t)}</span>}
          />
        )}
        <Button
          type="primary"
          size="large"
          block
          disabled={!choice}
          loading={cast.isPending}
          onClick={() => cast.mutate()}
          style={{ marginTop: 24, height: 52, fontSize: 18 }}
          data-testid="ballot-submit"
        >
          {t("ballot.submit")}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t("ballot.oneVote")}
        </Typography.Paragraph>
      </Card>
    </Shell>
  );
}
