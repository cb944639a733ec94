import { DatePicker, Form, Input, InputNumber } from "antd";
import type { Dayjs } from "dayjs";
import { type ProblemDetail, runProblemAction } from "../../../api/problems";
import { OrgSelect } from "../../../components/OrgSelect";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import { type DialogProps, dateOnly, optionalText } from "./shared";

interface Values {
  title: string;
  target?: string;
  deadline: Dayjs;
  leadOrgId?: string;
  weight?: number;
}

/** Adds a numbered measure (整改措施) to the problem. */
export function MeasureDialog({ problem, onClose }: DialogProps & { problem: ProblemDetail }) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  const lead =
    problem.leadOrgId && problem.leadOrgName
      ? [{ value: problem.leadOrgId, label: problem.leadOrgName }]
      : [];
  return (
    <ActionModal<Values>
      title={t("action.addMeasure")}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ leadOrgId: problem.leadOrgId ?? undefined, weight: 1 }}
      run={(v) =>
        runProblemAction(problem.id, "addMeasure", {
          title: v.title.trim(),
          target: optionalText(v.target),
          deadline: dateOnly(v.deadline),
          leadOrgId: v.leadOrgId || undefined,
          weight: v.weight ?? undefined,
        })
      }
    >
      <Form.Item name="title" label={t("measure.title")} rules={[required, { max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="measure-title" />
      </Form.Item>
      <Form.Item name="target" label={t("ledger.col.target")} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="measure-target" />
      </Form.Item>
      <Form.Item name="deadline" label={t("ledger.col.deadline")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="measure-deadline" />
      </Form.Item>
      <Form.Item name="leadOrgId" label={t("measure.leadOrg")}>
        <OrgSelect initial={lead} data-testid="measure-lead-org" />
      </Form.Item>
      <Form.Item name="weight" label={t("measure.weight")} extra={t("measure.weightHint")}>
        <InputNumber min={1} max={100} precision={0} data-testid="measure-weight" />
      </Form.Item>
    </ActionModal>
  );
}
