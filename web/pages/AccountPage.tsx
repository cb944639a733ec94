import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Form, Input, Row, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { forgetSession, ME_KEY } from "../api/session";
import { applyFieldErrors } from "../components/formErrors";
import { MfaEnrolPanel } from "../components/MfaEnrolPanel";
import { MIN_PASSWORD } from "../components/passwordRules";
import { useCurrentMe } from "../components/RequireAuth";
import { errorMessage } from "../i18n/format";
import { useI18n, useT } from "../i18n/I18nProvider";
import { NotificationSettingsCard } from "./notifications/NotificationSettingsCard";

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (v: PasswordValues) =>
      api.post("/api/v1/auth/password", { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      // the server revokes every session on a password change, this one included
      message.success(t("account.passwordChanged"));
      forgetSession(queryClient);
      navigate("/login", { replace: true });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <Card title={t("account.passwordTitle")}>
      {change.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(change.error, lang, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} style={{ maxWidth: 420 }}>
        <Form.Item
          name="currentPassword"
          label={t("account.currentPassword")}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Input.Password autoComplete="current-password" data-testid="account-current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("account.newPassword")}
          extra={t("account.passwordMin")}
          rules={[
            { required: true, message: t("common.required") },
            { min: MIN_PASSWORD, message: t("account.passwordMin") },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("account.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("common.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("account.passwordMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={change.isPending}
          data-testid="account-change-password"
        >
          {t("account.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}

function MfaCard() {
  const me = useCurrentMe();
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);

  const done = async () => {
    setEnrolling(false);
    message.success(t("mfa.done"));
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  };

  return (
    <Card
      title={t("mfa.title")}
      extra={
        me.user.mfaEnabled ? <Tag color="green">{t("mfa.enabled")}</Tag> : <Tag>{t("mfa.disabled")}</Tag>
      }
    >
      {me.user.mfaEnabled ? (
        <Typography.Paragraph>{t("mfa.enabledHint")}</Typography.Paragraph>
      ) : enrolling ? (
        <MfaEnrolPanel autoStart onDone={done} />
      ) : (
        <>
          <Typography.Paragraph>{t("mfa.disabledHint")}</Typography.Paragraph>
          <Button type="primary" onClick={() => setEnrolling(true)} data-testid="mfa-start">
            {t("mfa.start")}
          </Button>
        </>
      )}
    </Card>
  );
}

/** Change password and set up two-factor authentication. */
export function AccountPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={3}>{t("account.title")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
        <Col xs={24} lg={12}>
          <MfaCard />
        </Col>
        <Col xs={24} lg={12}>
          <NotificationSettingsCard />
        </Col>
      </Row>
    </div>
  );
}
