import { Button, DatePicker, Form, Input, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { AUDIT_EVENT_TYPES } from "../../../contract/audit-events";
import type { AuditFilters } from "../../api/audit";
import { shanghaiDayBoundary } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

interface Values {
  type?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function clean(text: string | undefined): string | undefined {
  const v = text?.trim();
  return v ? v : undefined;
}

/** The audit log's filters; the chosen dates are read as Beijing calendar days. */
export function AuditFilterBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const { t, tx } = useI18n();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) => {
    const [from, to] = v.range ?? [null, null];
    onChange({
      type: v.type || undefined,
      entityType: clean(v.entityType),
      entityId: clean(v.entityId),
      actorId: clean(v.actorId),
      from: from ? shanghaiDayBoundary(from.format("YYYY-MM-DD"), false) : undefined,
      to: to ? shanghaiDayBoundary(to.format("YYYY-MM-DD"), true) : undefined,
    });
  };

  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item name="type" label={t("audit.type")}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("audit.typePlaceholder")}
          style={{ width: 200 }}
          data-testid="audit-filter-type"
          options={AUDIT_EVENT_TYPES.map((type) => ({ value: type, label: tx(`audit.type.${type}`, type) }))}
        />
      </Form.Item>
      <Form.Item name="entityType" label={t("audit.entityType")}>
        <Input allowClear style={{ width: 120 }} data-testid="audit-filter-entity-type" />
      </Form.Item>
      <Form.Item name="entityId" label={t("audit.entityId")}>
        <Input allowClear style={{ width: 200 }} data-testid="audit-filter-entity-id" />
      </Form.Item>
      <Form.Item name="actorId" label={t("audit.actorId")}>
        <Input allowClear style={{ width: 200 }} data-testid="audit-filter-actor-id" />
      </Form.Item>
      <Form.Item name="range" label={t("audit.range")}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t("common.search")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t("common.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
