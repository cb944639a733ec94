import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { WEBHOOK_KINDS } from "../../contract/enums";
import {
  createWebhook,
  listWebhooks,
  type NewWebhook,
  updateWebhook,
  type Webhook,
} from "../api/notifications";
import { applyFieldErrors } from "../components/formErrors";
import { OrgSelect } from "../components/OrgSelect";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

const KEY = ["webhooks"];

function CreateWebhookModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<NewWebhook>();
  const save = useMutation({
    mutationFn: (v: NewWebhook) => createWebhook({ ...v, secret: v.secret?.trim() || null }),
    onSuccess: () => {
      message.success(t("webhook.created"));
      client.invalidateQueries({ queryKey: KEY });
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const required = { required: true, message: t("common.required") };
  return (
    <Modal
      open
      title={t("webhook.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "webhook-save" } as Record<string, string>}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "dingtalk" }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="orgId" label={t("webhook.org")} rules={[required]}>
          <OrgSelect data-testid="webhook-org" />
        </Form.Item>
        <Form.Item name="kind" label={t("webhook.kind")} rules={[required]}>
          <Select options={WEBHOOK_KINDS.map((k) => ({ value: k, label: t(`webhook.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("webhook.name")} rules={[required, { max: 60 }]}>
          <Input data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t("webhook.url")}
          extra={t("webhook.urlHint")}
          rules={[required, { pattern: /^https?:\/\/\S+$/, message: t("webhook.urlInvalid") }]}
        >
          <Input data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="secret" label={t("webhook.secret")} extra={t("webhook.secretHint")}>
          <Input.Password autoComplete="off" data-testid="webhook-secret" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Group robots (群机器人) of the orgs in the admin's or coordinator's subtree. */
export function WebhooksPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const hooks = useQuery({ queryKey: KEY, queryFn: listWebhooks });
  const toggle = useMutation({
    mutationFn: (w: Webhook) => updateWebhook(w.id, { active: !w.active }),
    onSuccess: () => {
      message.success(t("webhook.updated"));
      client.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => message.error(errorMessage(err, lang, t)),
  });
  const columns: TableColumnsType<Webhook> = [
    { title: t("webhook.org"), dataIndex: "orgName", key: "org" },
    { title: t("webhook.name"), dataIndex: "name", key: "name" },
    { title: t("webhook.kind"), key: "kind", render: (_, w) => t(`webhook.kind.${w.kind}`) },
    {
      title: t("webhook.url"),
      key: "url",
      render: (_, w) => <Typography.Text code>{w.url}</Typography.Text>,
    },
    {
      title: t("common.status"),
      key: "status",
      render: (_, w) => (
        <Space size={4} wrap>
          {w.active ? (
            <Tag color="green">{t("common.active")}</Tag>
          ) : (
            <Tag color="red">{t("common.inactive")}</Tag>
          )}
          {w.hasSecret && <Tag color="geekblue">{t("webhook.hasSecret")}</Tag>}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, w) => (
        <Button type="link" size="small" onClick={() => toggle.mutate(w)} data-testid="webhook-toggle">
          {w.active ? t("webhook.pause") : t("webhook.resume")}
        </Button>
      ),
    },
  ];
  return (
    <div>
      <Typography.Title level={3}>{t("webhook.title")}</Typography.Title>
      <Card
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="webhook-add"
          >
            {t("webhook.add")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("webhook.hint")}</Typography.Paragraph>
        <Table
          rowKey="id"
          loading={hooks.isLoading}
          dataSource={hooks.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t("webhook.empty") }}
        />
      </Card>
      {adding && <CreateWebhookModal onClose={() => setAdding(false)} />}
    </div>
  );
}
