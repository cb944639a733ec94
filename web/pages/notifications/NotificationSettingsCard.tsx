import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Form, Input, Switch, Typography } from "antd";
import { useEffect } from "react";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../../contract/enums";
import { getNotificationSettings, saveNotificationSettings } from "../../api/notifications";
import { applyFieldErrors } from "../../components/formErrors";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

interface Values {
  email: string;
  emailEnabled: boolean;
  emailKinds: NotificationKind[];
}

const KEY = ["notification-settings"];

/** The account page's notification section: e-mail address, e-mail on/off and per kind. */
export function NotificationSettingsCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const settings = useQuery({ queryKey: KEY, queryFn: getNotificationSettings });
  useEffect(() => {
    if (!settings.data) return;
    form.setFieldsValue({
      email: settings.data.email ?? "",
      emailEnabled: settings.data.emailEnabled,
      emailKinds: NOTIFICATION_KINDS.filter((k) => !settings.data.emailMutedKinds.includes(k)),
    });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      saveNotificationSettings({
        email: v.email?.trim() || null,
        emailEnabled: v.emailEnabled,
        emailMutedKinds: NOTIFICATION_KINDS.filter((k) => !(v.emailKinds ?? []).includes(k)),
      }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      message.success(t("notify.saved"));
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <Card title={t("notify.settingsTitle")}>
      <Typography.Paragraph type="secondary">{t("notify.settingsHint")}</Typography.Paragraph>
      {settings.data && !settings.data.emailAvailable && (
        <Alert type="info" showIcon title={t("notify.emailUnavailable")} style={{ marginBottom: 16 }} />
      )}
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 520 }}>
        <Form.Item
          name="email"
          label={t("notify.email")}
          rules={[{ type: "email", message: t("notify.emailInvalid") }]}
        >
          <Input autoComplete="email" data-testid="notify-email" />
        </Form.Item>
        <Form.Item name="emailEnabled" label={t("notify.emailEnabled")} valuePropName="checked">
          <Switch data-testid="notify-email-enabled" />
        </Form.Item>
        <Form.Item name="emailKinds" label={t("notify.emailKinds")}>
          <Checkbox.Group
            options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`notify.kind.${k}`) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="notify-save">
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
