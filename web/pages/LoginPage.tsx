import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { fetchMe, login, logout, ME_KEY, useMe, verifyMfa } from "../api/session";
import type { Me } from "../api/types";
import { applyFieldErrors } from "../components/formErrors";
import { MfaEnrolPanel } from "../components/MfaEnrolPanel";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { LangSwitch } from "../i18n/LangSwitch";
import { brandRed } from "../theme";

type Step = "password" | "verify" | "enrol";

function fromPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("/login") ? from : "/";
}

/** Sign-in: password, then a TOTP/recovery code or a first TOTP enrolment when the server asks. */
export function LoginPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useMe();
  const [step, setStep] = useState<Step>("password");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [passwordForm] = Form.useForm<{ username: string; password: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();

  const enter = (me: Me) => {
    queryClient.setQueryData(ME_KEY, me);
    navigate(fromPath(location.state), { replace: true });
  };

  const finish = async () => {
    const me = await fetchMe();
    if (me) enter(me);
    else setStep("password");
  };

  const run = async (work: () => Promise<void>, form?: typeof passwordForm | typeof codeForm) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      if (form) applyFieldErrors(form, err);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onPassword = ({ username, password }: { username: string; password: string }) =>
    run(async () => {
      const res = await login(username.trim(), password);
      if (res.mfaRequired) setStep("verify");
      else if (res.mfaEnrolRequired) setStep("enrol");
      else if (res.me) enter(res.me);
      else await finish();
    }, passwordForm);

  const onCode = ({ code }: { code: string }) =>
    run(async () => {
      await verifyMfa(code.trim());
      await finish();
    }, codeForm);

  const back = () => {
    // drop the half-finished session so the next sign-in starts clean
    void logout(queryClient);
    setError(null);
    codeForm.resetFields();
    setStep("password");
  };

  if (step === "password" && !busy && session.data) return <Navigate to={fromPath(location.state)} replace />;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        background: "linear-gradient(180deg, #1d4f91 0%, #f3f5f8 60%)",
        padding: 16,
      }}
    >
      <div style={{ position: "absolute", top: 16, right: 16 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: 420, maxWidth: "100%", borderTop: `4px solid ${brandRed}` }}>
        <Typography.Title level={2} style={{ textAlign: "center", marginBottom: 0 }}>
          {t("login.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          {step === "password"
            ? t("login.subtitle")
            : t(step === "verify" ? "mfa.verifyTitle" : "mfa.enrolTitle")}
        </Typography.Paragraph>

        {error != null && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(error, lang, t)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}

        {step === "password" && (
          <Form form={passwordForm} layout="vertical" onFinish={onPassword} requiredMark={false}>
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-submit"
            >
              {t("login.submit")}
            </Button>
          </Form>
        )}

        {step === "verify" && (
          <Form form={codeForm} layout="vertical" onFinish={onCode} requiredMark={false}>
            <Typography.Paragraph>{t("mfa.verifyHint")}</Typography.Paragraph>
            <Form.Item
              name="code"
              label={t("mfa.codeOrRecovery")}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <Input
                autoComplete="one-time-code"
                autoFocus
                data-testid="mfa-code"
                style={{ letterSpacing: 2, fontSize: 18 }}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="mfa-verify"
            >
              {t("mfa.verify")}
            </Button>
          </Form>
        )}

        {step === "enrol" && <MfaEnrolPanel autoStart onDone={() => run(finish)} />}

        {step !== "password" && (
          <Button type="link" block onClick={back} style={{ marginTop: 8 }}>
            {t("login.back")}
          </Button>
        )}
      </Card>
    </div>
  );
}
