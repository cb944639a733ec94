import { Form, Input, Radio, Typography } from "antd";
import { CLOSURE_KINDS, type ClosureKind } from "../../../../contract/enums";
import { type ProblemDetail, runProblemAction, updateRemarks } from "../../../api/problems";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import { type DialogProps, optionalText } from "./shared";

interface Props extends DialogProps {
  problem: ProblemDetail;
}

/** 签收 or 结束评议: confirmations without fields. */
export function ProblemConfirmDialog({
  problem,
  action,
  onClose,
}: Props & { action: "acknowledge" | "closePublicReview" }) {
  const t = useT();
  return (
    <ActionModal<object>
      title={t(`action.${action}`)}
      onClose={onClose}
      onDone={onClose}
      okText={t(`action.${action}`)}
      run={() => runProblemAction(problem.id, action, undefined)}
    >
      <Typography.Paragraph>
        {t(action === "acknowledge" ? "confirm.acknowledge" : "confirm.closePublicReview", {
          code: problem.code,
        })}
      </Typography.Paragraph>
    </ActionModal>
  );
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** 阶段性销号: a long-term item moves on to 持续整改 with a stage summary. */
export function StageCloseDialog({ problem, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<{ summary: string }>
      title={t("action.stageClose")}
      onClose={onClose}
      onDone={onClose}
      run={(v) => runProblemAction(problem.id, "stageClose", { summary: v.summary.trim() })}
    >
      <Form.Item
        name="summary"
        label={t("stage.summary")}
        rules={[...required(t("common.required")), { max: 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 4 }} data-testid="stage-summary" />
      </Form.Item>
    </ActionModal>
  );
}

/** 回头看: the follow-up visit finds the fix holding, or a relapse that reopens the item. */
export function FollowUpDialog({ problem, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<{ outcome: "ok" | "relapse"; note: string }>
      title={t("action.followUp")}
      onClose={onClose}
      onDone={onClose}
      run={(v) => runProblemAction(problem.id, "followUp", { outcome: v.outcome, note: v.note.trim() })}
    >
      <Form.Item
        name="outcome"
        label={t("followUp.outcome")}
        rules={[{ required: true, message: t("common.required") }]}
      >
        <Radio.Group>
          <Radio value="ok" data-testid="followup-ok">
            {t("followUpOutcome.ok")}
          </Radio>
          <Radio value="relapse" data-testid="followup-relapse">
            {t("followUpOutcome.relapse")}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="note"
        label={t("followUp.note")}
        rules={[...required(t("common.required")), { max: 2000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="followup-note" />
      </Form.Item>
    </ActionModal>
  );
}

type WithdrawKind = Exclude<ClosureKind, "rectified">;
const WITHDRAW_KINDS = CLOSURE_KINDS.filter((k): k is WithdrawKind => k !== "rectified");

/** 撤销/注销: closes the item as a duplicate, not in remit or withdrawn; it never counts as fixed. */
export function WithdrawDialog({ problem, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<{ kind: WithdrawKind; reason: string }>
      title={t("action.withdraw")}
      onClose={onClose}
      onDone={onClose}
      danger
      run={(v) => runProblemAction(problem.id, "withdraw", { kind: v.kind, reason: v.reason.trim() })}
    >
      <Typography.Paragraph type="secondary">{t("withdraw.hint")}</Typography.Paragraph>
      <Form.Item
        name="kind"
        label={t("withdraw.kind")}
        rules={[{ required: true, message: t("common.required") }]}
      >
        <Radio.Group>
          {WITHDRAW_KINDS.map((k) => (
            <Radio key={k} value={k} data-testid={`withdraw-kind-${k}`}>
              {t(`closureKind.${k}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("common.reason")}
        rules={[...required(t("common.required")), { max: 2000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="reason-text" />
      </Form.Item>
    </ActionModal>
  );
}

/** 备注: free text on the ledger row, set, changed or cleared. */
export function RemarksDialog({ problem, onClose }: Props) {
  const t = useT();
  return (
    <ActionModal<{ remarks?: string }>
      title={t("action.editRemarks")}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ remarks: problem.remarks ?? "" }}
      okText={t("common.save")}
      run={(v) => updateRemarks(problem.id, optionalText(v.remarks) ?? null)}
    >
      <Form.Item
        name="remarks"
        label={t("ledger.col.remarks")}
        extra={t("remarks.hint")}
        rules={[{ max: 500, message: t("remarks.max") }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} showCount maxLength={500} data-testid="remarks-text" />
      </Form.Item>
    </ActionModal>
  );
}
