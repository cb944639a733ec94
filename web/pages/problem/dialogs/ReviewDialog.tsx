import { Button, Checkbox, Form, Input, Radio, Space, Typography } from "antd";
import { REVIEW_CHECKLIST, type ReviewCheck } from "../../../../contract/enums";
import { type ProblemDetail, runProblemAction } from "../../../api/problems";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import { type DialogProps, optionalText } from "./shared";

interface Values {
  decision: "approve" | "reject";
  checklist: Record<ReviewCheck, boolean>;
  reason?: string;
}

const NONE = Object.fromEntries(REVIEW_CHECKLIST.map((k) => [k, false])) as Record<ReviewCheck, boolean>;
const ALL = Object.fromEntries(REVIEW_CHECKLIST.map((k) => [k, true])) as Record<ReviewCheck, boolean>;

/** 审核: the six-point checklist, then approve or send back with a reason. */
export function ReviewDialog({ problem, onClose }: DialogProps & { problem: ProblemDetail }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch("decision", form);

  return (
    <ActionModal<Values>
      title={t("action.review")}
      width={600}
      form={form}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ checklist: NONE }}
      danger={decision === "reject"}
      run={(v) =>
        runProblemAction(problem.id, "review", {
          decision: v.decision,
          checklist: { ...NONE, ...v.checklist },
          reason: optionalText(v.reason),
        })
      }
    >
      {problem.closeoutSummary && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>
          {problem.closeoutSummary}
        </Typography.Paragraph>
      )}
      <Form.Item label={t("review.checklist")} required style={{ marginBottom: 8 }}>
        <Space orientation="vertical" size={0}>
          {REVIEW_CHECKLIST.map((key) => (
            <Form.Item key={key} name={["checklist", key]} valuePropName="checked" noStyle>
              <Checkbox data-testid={`check-${key}`}>{t(`reviewCheck.${key}`)}</Checkbox>
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      <Button size="small" style={{ marginBottom: 16 }} onClick={() => form.setFieldValue("checklist", ALL)}>
        {t("review.checkAll")}
      </Button>
      <Form.Item
        name="decision"
        label={t("review.decision")}
        dependencies={REVIEW_CHECKLIST.map((k) => ["checklist", k])}
        rules={[
          { required: true, message: t("common.required") },
          {
            validator: async (_, value?: string) => {
              const list: Partial<Record<ReviewCheck, boolean>> = form.getFieldValue("checklist") ?? {};
              if (value === "approve" && REVIEW_CHECKLIST.some((k) => !list[k])) {
                throw new Error(t("review.checklistIncomplete"));
              }
            },
          },
        ]}
      >
        <Radio.Group>
          <Radio value="approve" data-testid="review-approve">
            {t("reviewDecision.approve")}
          </Radio>
          <Radio value="reject" data-testid="review-reject">
            {t("reviewDecision.reject")}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("review.reason")}
        dependencies={["decision"]}
        rules={[
          { required: decision === "reject", whitespace: true, message: t("review.reasonRequired") },
          { max: 2000 },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="review-reason" />
      </Form.Item>
    </ActionModal>
  );
}
