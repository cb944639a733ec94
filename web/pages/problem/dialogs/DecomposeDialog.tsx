import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Form, Input, InputNumber, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { fetchOrgChildren } from "../../../api/orgs";
import type { Measure, TaskNode } from "../../../api/problems";
import { decomposeMeasure, runTaskAction } from "../../../api/tasks";
import { OrgSelect } from "../../../components/OrgSelect";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import { type DialogProps, dateOnly, optionalText } from "./shared";

interface Row {
  orgId?: string;
  title?: string;
  deadline?: Dayjs | null;
  weight?: number;
}

interface Values {
  tasks: Row[];
}

interface Props extends DialogProps {
  /** Either the measure or the task being split. */
  measure?: Measure;
  task?: TaskNode;
}

/** 分解: hands the measure (or a task) on to one or more units below, each as its own task. */
export function DecomposeDialog({ measure, task, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const rows = Form.useWatch("tasks", form) ?? [];
  const parentOrgId = task?.orgId ?? measure?.leadOrgId ?? "";
  const children = useQuery({
    queryKey: ["orgs", "children", parentOrgId],
    queryFn: () => fetchOrgChildren(parentOrgId),
    enabled: Boolean(parentOrgId),
    staleTime: 60_000,
  });
  const subunits = (children.data ?? []).filter((o) => o.active).slice(0, 80);
  const initial = subunits.map((o) => ({ value: o.id, label: o.name }));

  const toggle = (orgId: string) => {
    const current: Row[] = form.getFieldValue("tasks") ?? [];
    const without = current.filter((r) => r.orgId !== orgId);
    if (without.length < current.length) form.setFieldValue("tasks", without);
    else form.setFieldValue("tasks", [...current.filter((r) => r.orgId), { orgId, weight: 1 }]);
  };

  const run = ({ tasks }: Values) => {
    const body = {
      tasks: tasks.map((r) => ({
        orgId: r.orgId ?? "",
        title: optionalText(r.title),
        deadline: r.deadline ? dateOnly(r.deadline) : undefined,
        weight: r.weight ?? undefined,
      })),
    };
    return task ? runTaskAction(task.id, "decompose", body) : decomposeMeasure(measure?.id ?? "", body);
  };

  return (
    <ActionModal<Values>
      title={t("decompose.title", { name: task?.title ?? measure?.title ?? "" })}
      width={760}
      form={form}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ tasks: [{ weight: 1 }] }}
      run={run}
    >
      {subunits.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t("decompose.quickPick")}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {subunits.map((o) => (
              <Tag.CheckableTag
                key={o.id}
                checked={rows.some((r) => r?.orgId === o.id)}
                onChange={() => toggle(o.id)}
                data-testid={`decompose-child-${o.name}`}
              >
                {o.name}
              </Tag.CheckableTag>
            ))}
          </div>
        </div>
      )}
      <Typography.Paragraph type="secondary">{t("decompose.inheritHint")}</Typography.Paragraph>
      <Form.List
        name="tasks"
        rules={[
          {
            validator: async (_, value?: Row[]) => {
              if (!value?.length) throw new Error(t("decompose.atLeastOne"));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap style={{ display: "flex" }}>
                <Form.Item
                  name={[field.name, "orgId"]}
                  rules={[{ required: true, message: t("common.required") }]}
                >
                  <OrgSelect initial={initial} style={{ width: 200 }} data-testid={`decompose-org-${i}`} />
                </Form.Item>
                <Form.Item name={[field.name, "title"]} rules={[{ max: 500 }]}>
                  <Input
                    placeholder={t("decompose.taskTitle")}
                    style={{ width: 190 }}
                    data-testid={`decompose-title-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, "deadline"]}>
                  <DatePicker
                    placeholder={t("decompose.deadline")}
                    style={{ width: 140 }}
                    data-testid={`decompose-deadline-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, "weight"]}>
                  <InputNumber
                    min={1}
                    max={100}
                    precision={0}
                    style={{ width: 70 }}
                    aria-label={t("measure.weight")}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t("common.delete")}
                />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button icon={<PlusOutlined />} onClick={() => add({ weight: 1 })} data-testid="decompose-add">
              {t("decompose.addRow")}
            </Button>
          </>
        )}
      </Form.List>
    </ActionModal>
  );
}
