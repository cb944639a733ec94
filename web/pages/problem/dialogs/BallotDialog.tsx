import { PrinterOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input, InputNumber, Modal, Space, Typography } from "antd";
import {
  type Issued,
  issueBallotTokens,
  type ProblemDetail,
  problemKey,
  timelineKey,
} from "../../../api/problems";
import { applyFieldErrors } from "../../../components/formErrors";
import { lineRules, lines } from "../../../components/lineRules";
import { errorMessage } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import { BallotTokenList, printTokens, useTokenQrCodes } from "./BallotTokenList";
import type { DialogProps } from "./shared";

interface Values {
  count: number;
  labels?: string;
}

/** 发放评议码: one-time codes for the people who must approve, shown once with a QR code each. */
export function BallotDialog({ problem, onClose }: DialogProps & { problem: ProblemDetail }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: (v: Values) => {
      const labels = lines(v.labels);
      return issueBallotTokens(problem.id, { count: v.count, labels: labels.length ? labels : undefined });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: problemKey(problem.id) });
      void queryClient.invalidateQueries({ queryKey: timelineKey(problem.id) });
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const issued: Issued | undefined = issue.data;
  const qr = useTokenQrCodes(issued);

  return (
    <Modal
      open
      width={issued ? 820 : 520}
      title={t("action.issueBallots")}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        issued ? (
          <Space>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => printTokens(issued, qr, problem, t)}
              data-testid="ballot-print"
            >
              {t("ballots.print")}
            </Button>
            <Button type="primary" onClick={onClose} data-testid="ballot-close">
              {t("ballots.done")}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              loading={issue.isPending}
              onClick={() => form.submit()}
              data-testid="modal-submit"
            >
              {t("ballots.issue")}
            </Button>
          </Space>
        )
      }
    >
      {issue.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(issue.error, lang, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      {issued ? (
        <BallotTokenList issued={issued} qr={qr} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ count: 5 }}
          onFinish={(v) => issue.mutate(v)}
        >
          <Typography.Paragraph type="secondary">{t("ballots.hint")}</Typography.Paragraph>
          <Form.Item
            name="count"
            label={t("ballots.count")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <InputNumber min={1} max={500} precision={0} data-testid="ballot-count" />
          </Form.Item>
          <Form.Item
            name="labels"
            label={t("ballots.labels")}
            extra={t("ballots.labelsHint")}
            rules={lineRules(500, 60, t("ballots.labelsRule"))}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="ballot-labels" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
