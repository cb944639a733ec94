import { Alert, Button, Typography } from "antd";
import { useT } from "../i18n/I18nProvider";

/** Shows freshly issued recovery codes once, until the user confirms they kept them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  return (
    <div>
      <Typography.Title level={4}>{t("mfa.recoveryTitle")}</Typography.Title>
      <Alert type="warning" showIcon title={t("mfa.recoveryHint")} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: codes.join("\n") }}
        data-testid="recovery-codes"
        style={{
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          display: "grid",
          gridTemplateColumns: "repeat(2, max-content)",
          gap: "4px 32px",
          fontSize: 16,
        }}
      >
        {codes.map((code) => (
          <span key={code}>{code}</span>
        ))}
      </Typography.Paragraph>
      <Button type="primary" block onClick={onDone} data-testid="recovery-saved">
        {t("mfa.recoverySaved")}
      </Button>
    </div>
  );
}
