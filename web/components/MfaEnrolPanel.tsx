import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { activateMfa, startMfaEnrolment } from "../api/session";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { RecoveryCodes } from "./RecoveryCodes";

/** Walks through TOTP set-up: QR code and secret, a first code, then the recovery codes. */
export function MfaEnrolPanel({ autoStart, onDone }: { autoStart: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const started = useRef(false);
  const enrol = useMutation({ mutationFn: startMfaEnrolment });
  const activate = useMutation({ mutationFn: activateMfa, onSuccess: setCodes });

  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      enrol.mutate();
    }
  }, [autoStart, enrol]);

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;

  if (!enrol.data) {
    return (
      <div>
        {enrol.error && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(enrol.error, lang, t)}
            style={{ marginBottom: 16 }}
          />
        )}
        {enrol.isPending ? (
          <Spin />
        ) : (
          <Button type="primary" onClick={() => enrol.mutate()} data-testid="mfa-start">
            {t("mfa.start")}
          </Button>
        )}
      </div>
    );
  }

  const { qrDataUrl, secret } = enrol.data;
  return (
    <div>
      <Typography.Paragraph>{t("mfa.enrolHint")}</Typography.Paragraph>
      <div style={{ textAlign: "center", marginBottom: 12 }}>
        <img src={qrDataUrl} alt={t("mfa.qrAlt")} width={200} height={200} data-testid="mfa-qr" />
      </div>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t("mfa.secret")}</Typography.Text>{" "}
        <Typography.Text code copyable data-testid="mfa-secret">
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
      {activate.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(activate.error, lang, t)}
          style={{ marginBottom: 16 }}
          data-testid="mfa-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={({ code }) => activate.mutate(code.trim())}>
        <Form.Item
          name="code"
          label={t("mfa.code")}
          rules={[
            { required: true, message: t("common.required") },
            { pattern: /^\s*\d{6}\s*$/, message: t("mfa.codeFormat") },
          ]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            data-testid="mfa-code"
            style={{ letterSpacing: 4, fontSize: 18 }}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={activate.isPending}
          data-testid="mfa-activate"
        >
          {t("mfa.activate")}
        </Button>
      </Form>
    </div>
  );
}
