import { Checkbox, Form, Input, Typography } from "antd";
import { type ProblemDetail, runProblemAction } from "../../../api/problems";
import { type Evidence, EvidenceUpload, evidenceIds } from "../../../components/EvidenceUpload";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import type { DialogProps } from "./shared";

interface Values {
  summary: string;
  reportFiles?: string[];
  attachments?: Evidence[];
}

/** 申请销号: a summary plus evidence, taken from the progress reports or uploaded now. */
export function CloseOutDialog({ problem, onClose }: DialogProps & { problem: ProblemDetail }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const reportFiles = [
    ...new Map(problem.reports.flatMap((r) => r.attachments).map((a) => [a.id, a])).values(),
  ];

  const run = async (v: Values) => {
    const uploaded = await evidenceIds(v.attachments);
    const ids = [...new Set([...(v.reportFiles ?? []), ...uploaded])];
    return runProblemAction(problem.id, "requestCloseOut", { summary: v.summary.trim(), attachmentIds: ids });
  };

  return (
    <ActionModal<Values>
      title={t("action.requestCloseOut")}
      width={640}
      form={form}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ reportFiles: reportFiles.map((a) => a.id) }}
      run={run}
    >
      <Form.Item
        name="summary"
        label={t("closeout.summary")}
        rules={[{ required: true, whitespace: true, message: t("common.required") }, { max: 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 4 }} data-testid="closeout-summary" />
      </Form.Item>
      {reportFiles.length > 0 && (
        <Form.Item name="reportFiles" label={t("closeout.fromReports")}>
          <Checkbox.Group
            data-testid="closeout-report-files"
            style={{ display: "flex", flexDirection: "column", gap: 4 }}
            options={reportFiles.map((a) => ({ value: a.id, label: a.originalName }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="attachments"
        label={t("closeout.upload")}
        dependencies={["reportFiles"]}
        rules={[
          {
            validator: async (_, value?: Evidence[]) => {
              const picked: string[] = form.getFieldValue("reportFiles") ?? [];
              if (!value?.length && picked.length === 0) throw new Error(t("closeout.evidenceRequired"));
            },
          },
        ]}
        extra={<Typography.Text type="secondary">{t("closeout.evidenceHint")}</Typography.Text>}
      >
        <EvidenceUpload max={50} />
      </Form.Item>
    </ActionModal>
  );
}
