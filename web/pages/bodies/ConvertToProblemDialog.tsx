import { useQuery } from "@tanstack/react-query";
import { DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { RECTIFY_TYPES, type RectifyType } from "../../../contract/enums";
import type { ToProblem } from "../../api/bodies";
import { CAMPAIGNS_KEY, listCampaigns } from "../../api/campaigns";
import { FormModal } from "../../components/FormModal";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { dateOnly, optionalText } from "../problem/dialogs/shared";

interface Values {
  campaignId: string;
  categoryId?: string;
  leadOrgId: string;
  deadline: Dayjs;
  title?: string;
  rectifyType?: RectifyType;
  target?: string;
  acceptanceStandard?: string;
}

/** 转为问题: a finding or a decision becomes a ledger problem under a campaign, led by a unit, with a deadline. */
export function ConvertToProblemDialog<R>({
  text,
  defaultLeadOrg,
  run,
  onDone,
  onClose,
}: {
  /** The finding or decision being converted, shown for reference. */
  text: string;
  defaultLeadOrg?: { value: string; label: string } | null;
  run: (input: ToProblem) => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const campaigns = useQuery({ queryKey: CAMPAIGNS_KEY, queryFn: listCampaigns });
  const campaignId = Form.useWatch("campaignId", form);
  const categories = campaigns.data?.find((c) => c.id === campaignId)?.categories ?? [];
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<Values, R>
      title={t("convert.title")}
      form={form}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ rectifyType: "deadline", leadOrgId: defaultLeadOrg?.value }}
      run={(v) =>
        run({
          campaignId: v.campaignId,
          categoryId: v.categoryId,
          leadOrgId: v.leadOrgId,
          deadline: dateOnly(v.deadline),
          title: optionalText(v.title),
          rectifyType: v.rectifyType,
          target: optionalText(v.target),
          acceptanceStandard: optionalText(v.acceptanceStandard),
        })
      }
    >
      <p style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 8 }}>{text}</p>
      <Form.Item name="campaignId" label={t("convert.campaign")} rules={[required]}>
        <Select
          data-testid="convert-campaign"
          loading={campaigns.isLoading}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={() => form.setFieldValue("categoryId", undefined)}
        />
      </Form.Item>
      <Form.Item name="categoryId" label={t("convert.category")}>
        <Select allowClear options={categories.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="leadOrgId" label={t("convert.leadOrg")} rules={[required]}>
        <OrgSelect initial={defaultLeadOrg ? [defaultLeadOrg] : []} data-testid="convert-lead-org" />
      </Form.Item>
      <Form.Item name="deadline" label={t("convert.deadline")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="convert-deadline" />
      </Form.Item>
      <Form.Item
        name="title"
        label={t("convert.problemTitle")}
        extra={t("convert.titleHint")}
        rules={[{ max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="rectifyType" label={t("convert.rectifyType")}>
        <Select options={RECTIFY_TYPES.map((r) => ({ value: r, label: t(`rectifyType.${r}`) }))} />
      </Form.Item>
      <Form.Item name="target" label={t("convert.target")} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="acceptanceStandard" label={t("convert.acceptance")} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
