import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Select, Space, Switch } from "antd";
import { useEffect } from "react";
import { RECTIFY_TYPES, SOURCE_TYPES, type SourceType } from "../../../contract/enums";
import type { Campaign } from "../../api/campaigns";
import { type NewProblem, PROBLEMS_KEY, type ProblemDetail, registerProblem } from "../../api/problems";
import { FormDrawer } from "../../components/FormDrawer";
import { applyFieldErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/zh-CN";
import { CategoryAndSymptoms, PortraitDetails } from "./PortraitFields";

type Values = Omit<NewProblem, "sourceType"> & { sourceType?: SourceType };

interface Props {
  open: boolean;
  campaigns: Campaign[];
  onClose: () => void;
  onCreated: (problem: ProblemDetail) => void;
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** 登记问题: one item, one ledger row, with its portrait, target and acceptance standard. */
export function RegisterProblemDrawer({ open, campaigns, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const campaignId = Form.useWatch("campaignId", form);
  const campaign = campaigns.find((c) => c.id === campaignId);
  const allowed = campaign?.settings.allowedRectifyTypes ?? RECTIFY_TYPES;

  useEffect(() => {
    if (open && campaigns.length === 1 && !form.getFieldValue("campaignId")) {
      form.setFieldValue("campaignId", campaigns[0].id);
    }
  }, [open, campaigns, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      registerProblem({
        campaignId: v.campaignId,
        categoryId: v.categoryId || undefined,
        sourceType: v.sourceType as SourceType,
        sourceRef: trimmed(v.sourceRef),
        title: v.title.trim(),
        description: v.description.trim(),
        portrait: {
          symptoms: (v.portrait?.symptoms ?? []).map((s) => s?.trim()).filter(Boolean),
          rootCause: trimmed(v.portrait?.rootCause),
          scope: trimmed(v.portrait?.scope),
          affectedPopulation: trimmed(v.portrait?.affectedPopulation),
          evidence: trimmed(v.portrait?.evidence),
        },
        rectifyType: v.rectifyType,
        target: v.target.trim(),
        acceptanceStandard: v.acceptanceStandard.trim(),
        responsibleLeader: trimmed(v.responsibleLeader),
        responsiblePerson: trimmed(v.responsiblePerson),
        isPublic: v.isPublic ?? false,
        remarks: trimmed(v.remarks),
      }),
    onSuccess: (problem) => {
      form.resetFields();
      message.success(t("register.done", { code: problem.code }));
      void queryClient.invalidateQueries({ queryKey: PROBLEMS_KEY });
      onCreated(problem);
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const required = { required: true, whitespace: true, message: t("common.required") };
  const text = (name: keyof Values, label: MessageKey, max: number, testId: string, rows = 2) => (
    <Form.Item name={name} label={t(label)} rules={[required, { max }]}>
      <Input.TextArea autoSize={{ minRows: rows }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <FormDrawer
      open={open}
      title={t("ledger.register")}
      size={680}
      onClose={onClose}
      form={form}
      save={save}
      submitTestId="problem-form-submit"
      initialValues={{
        campaignId: campaigns.length === 1 ? campaigns[0].id : undefined,
        isPublic: false,
        portrait: { symptoms: [""] },
      }}
      onValuesChange={(changed: Partial<Values>) => {
        if ("campaignId" in changed) form.setFieldsValue({ categoryId: undefined, rectifyType: undefined });
      }}
      scrollToFirstError
    >
      <Form.Item name="campaignId" label={t("ledger.col.campaign")} rules={[required]}>
        <Select
          options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          notFoundContent={t("register.noCampaign")}
          data-testid="problem-form-campaign"
        />
      </Form.Item>
      <CategoryAndSymptoms categories={campaign?.categories ?? []} />
      <Space wrap style={{ display: "flex" }} align="start">
        <Form.Item name="sourceType" label={t("ledger.col.sourceType")} rules={[required]}>
          <Select
            style={{ width: 220 }}
            options={SOURCE_TYPES.map((s) => ({ value: s, label: t(`sourceType.${s}`) }))}
            data-testid="problem-form-source-type"
          />
        </Form.Item>
        <Form.Item name="sourceRef" label={t("ledger.col.sourceRef")} rules={[{ max: 200 }]}>
          <Input style={{ width: 300 }} data-testid="problem-form-source-ref" />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t("register.title")} rules={[required, { max: 200 }]}>
        <Input data-testid="problem-form-title" />
      </Form.Item>
      {text("description", "ledger.col.description", 5000, "problem-form-description", 3)}
      <PortraitDetails />
      <Form.Item name="rectifyType" label={t("ledger.col.rectifyType")} rules={[required]}>
        <Select
          options={allowed.map((r) => ({ value: r, label: t(`rectifyType.${r}`) }))}
          data-testid="problem-form-rectify-type"
        />
      </Form.Item>
      {text("target", "ledger.col.target", 2000, "problem-form-target")}
      {text("acceptanceStandard", "problem.acceptanceStandard", 2000, "problem-form-acceptance")}
      <Space wrap style={{ display: "flex" }} align="start">
        <Form.Item name="responsibleLeader" label={t("ledger.col.responsibleLeader")} rules={[{ max: 60 }]}>
          <Input style={{ width: 220 }} data-testid="problem-form-leader" />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t("ledger.col.responsiblePerson")} rules={[{ max: 60 }]}>
          <Input style={{ width: 220 }} data-testid="problem-form-person" />
        </Form.Item>
        <Form.Item name="isPublic" label={t("register.isPublic")} valuePropName="checked">
          <Switch data-testid="problem-form-public" />
        </Form.Item>
      </Space>
      <Form.Item
        name="remarks"
        label={t("ledger.col.remarks")}
        rules={[{ max: 500, message: t("remarks.max") }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          showCount
          maxLength={500}
          data-testid="problem-form-remarks"
        />
      </Form.Item>
    </FormDrawer>
  );
}
