import { Form, Input, InputNumber, Slider, Typography } from "antd";
import type { TaskNode } from "../../../api/problems";
import { runTaskAction } from "../../../api/tasks";
import { type Evidence, EvidenceUpload, evidenceIds } from "../../../components/EvidenceUpload";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import type { DialogProps } from "./shared";

interface Props extends DialogProps {
  task: TaskNode;
}

function PercentField() {
  const t = useT();
  return (
    <Form.Item label={t("report.percent")} required>
      <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
        <Form.Item name="percent" noStyle>
          <Slider min={0} max={100} style={{ flex: 1 }} />
        </Form.Item>
        <Form.Item name="percent" noStyle rules={[{ required: true, message: t("common.required") }]}>
          <InputNumber min={0} max={100} precision={0} suffix="%" data-testid="report-percent" />
        </Form.Item>
      </div>
    </Form.Item>
  );
}

interface ReportValues {
  percent: number;
  text: string;
  attachments?: Evidence[];
}

/** 报送进展: a percentage, what was done and evidence files. */
export function ReportDialog({ task, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<ReportValues>
      title={`${t("taskAction.report")} · ${task.orgName}`}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ percent: task.progress }}
      run={async (v) =>
        runTaskAction(task.id, "report", {
          percent: v.percent,
          text: v.text.trim(),
          attachmentIds: await evidenceIds(v.attachments),
        })
      }
    >
      <Typography.Paragraph type="secondary">{task.title}</Typography.Paragraph>
      <PercentField />
      <Form.Item
        name="text"
        label={t("report.text")}
        rules={[{ required: true, whitespace: true, message: t("common.required") }, { max: 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="report-text" />
      </Form.Item>
      <Form.Item name="attachments" label={t("report.evidence")}>
        <EvidenceUpload />
      </Form.Item>
    </ActionModal>
  );
}

interface CompleteValues {
  text: string;
  attachments?: Evidence[];
}

/** 报告完成: the unit says its task is done, for the assigner to accept. */
export function CompleteDialog({ task, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<CompleteValues>
      title={`${t("taskAction.complete")} · ${task.orgName}`}
      onClose={onClose}
      onDone={onClose}
      run={async (v) =>
        runTaskAction(task.id, "complete", {
          text: v.text.trim(),
          attachmentIds: await evidenceIds(v.attachments),
        })
      }
    >
      <Typography.Paragraph type="secondary">{task.title}</Typography.Paragraph>
      <Form.Item
        name="text"
        label={t("report.completeText")}
        rules={[{ required: true, whitespace: true, message: t("common.required") }, { max: 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="complete-text" />
      </Form.Item>
      <Form.Item name="attachments" label={t("report.evidence")}>
        <EvidenceUpload />
      </Form.Item>
    </ActionModal>
  );
}

/** 退回: the assigner sends a reported task back, with a reason. */
export function ReturnDialog({ task, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<{ reason: string }>
      title={`${t("taskAction.return")} · ${task.orgName}`}
      onClose={onClose}
      onDone={onClose}
      danger
      run={(v) => runTaskAction(task.id, "return", { reason: v.reason.trim() })}
    >
      <Form.Item
        name="reason"
        label={t("common.reason")}
        rules={[{ required: true, whitespace: true, message: t("common.required") }, { max: 2000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="reason-text" />
      </Form.Item>
    </ActionModal>
  );
}

/** 签收 or 确认完成: a confirmation without fields. */
export function TaskConfirmDialog({ task, action, onClose }: Props & { action: "acknowledge" | "accept" }) {
  const t = useT();
  return (
    <ActionModal<object>
      title={`${t(`taskAction.${action}`)} · ${task.orgName}`}
      onClose={onClose}
      onDone={onClose}
      okText={t(`taskAction.${action}`)}
      run={() => runTaskAction(task.id, action, undefined)}
    >
      <Typography.Paragraph>
        {t(action === "acknowledge" ? "task.confirmAcknowledge" : "task.confirmAccept", {
          title: task.title,
        })}
      </Typography.Paragraph>
    </ActionModal>
  );
}
