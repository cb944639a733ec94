import { DatePicker, Form, Input } from "antd";
import type { Dayjs } from "dayjs";
import { type ProblemDetail, runProblemAction } from "../../../api/problems";
import { OrgMultiSelect } from "../../../components/OrgMultiSelect";
import { OrgSelect } from "../../../components/OrgSelect";
import { useT } from "../../../i18n/I18nProvider";
import { ActionModal } from "../ActionModal";
import { type DialogProps, dateOnly, optionalText } from "./shared";

interface Values {
  leadOrgId: string;
  coOrgIds?: string[];
  deadline: Dayjs;
  responsibleLeader?: string;
  responsiblePerson?: string;
}

/** 交办: the lead unit, co-operating units and the deadline. */
export function AssignDialog({ problem, onClose }: DialogProps & { problem: ProblemDetail }) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  const initialOrgs = [
    ...(problem.leadOrgId && problem.leadOrgName
      ? [{ value: problem.leadOrgId, label: problem.leadOrgName }]
      : []),
    ...problem.coOrgs.map((o) => ({ value: o.id, label: o.name })),
  ];
  return (
    <ActionModal<Values>
      title={t("action.assign")}
      onClose={onClose}
      onDone={onClose}
      initialValues={{
        leadOrgId: problem.leadOrgId ?? undefined,
        coOrgIds: problem.coOrgs.map((o) => o.id),
        responsibleLeader: problem.responsibleLeader ?? undefined,
        responsiblePerson: problem.responsiblePerson ?? undefined,
      }}
      run={(v) =>
        runProblemAction(problem.id, "assign", {
          leadOrgId: v.leadOrgId,
          coOrgIds: v.coOrgIds?.length ? v.coOrgIds : undefined,
          deadline: dateOnly(v.deadline),
          responsibleLeader: optionalText(v.responsibleLeader),
          responsiblePerson: optionalText(v.responsiblePerson),
        })
      }
    >
      <Form.Item name="leadOrgId" label={t("ledger.col.leadOrg")} rules={[required]}>
        <OrgSelect initial={initialOrgs} data-testid="assign-lead-org" />
      </Form.Item>
      <Form.Item name="coOrgIds" label={t("ledger.col.coOrgs")}>
        <OrgMultiSelect initial={initialOrgs} data-testid="assign-co-orgs" />
      </Form.Item>
      <Form.Item name="deadline" label={t("ledger.col.deadline")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="assign-deadline" />
      </Form.Item>
      <Form.Item name="responsibleLeader" label={t("ledger.col.responsibleLeader")} rules={[{ max: 60 }]}>
        <Input data-testid="assign-leader" />
      </Form.Item>
      <Form.Item name="responsiblePerson" label={t("ledger.col.responsiblePerson")} rules={[{ max: 60 }]}>
        <Input data-testid="assign-person" />
      </Form.Item>
    </ActionModal>
  );
}
