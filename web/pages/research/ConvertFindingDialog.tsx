import { useQuery } from "@tanstack/react-query";
import { Checkbox, DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { CAMPAIGNS_KEY, listCampaigns } from "../../api/campaigns";
import { findingToProblem, type ResearchDetail } from "../../api/research";
import { FormModal } from "../../components/FormModal";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { dateOnly, optionalText } from "../problem/dialogs/shared";

interface Values {
  campaignId: string;
  categoryId?: string;
  title?: string;
  fixedOnTheSpot?: boolean;
  fixNote?: string;
  leadOrgId?: string;
  deadline?: Dayjs;
}

/** 转为问题: a research finding becomes a ledger problem — closed at once when fixed on the spot (即知即改). */
export function ConvertFindingDialog({
  finding,
  onDone,
  onClose,
}: {
  finding: ResearchDetail["findings"][number];
  onDone: (d: ResearchDetail) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const campaigns = useQuery({ queryKey: CAMPAIGNS_KEY, queryFn: listCampaigns });
  const campaignId = Form.useWatch("campaignId", form);
  const fixed = Form.useWatch("fixedOnTheSpot", form);
  const categories = campaigns.data?.find((c) => c.id === campaignId)?.categories ?? [];
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<Values, ResearchDetail>
      title={t("research.toProblem")}
      form={form}
      onClose={onClose}
      onDone={onDone}
      doneText={t("research.converted")}
      initialValues={{ fixedOnTheSpot: false, leadOrgId: finding.orgId ?? undefined }}
      run={(v) =>
        findingToProblem(finding.id, {
          campaignId: v.campaignId,
          categoryId: v.categoryId,
          title: optionalText(v.title),
          fixedOnTheSpot: v.fixedOnTheSpot ?? false,
          fixNote: v.fixedOnTheSpot ? optionalText(v.fixNote) : undefined,
          leadOrgId: v.fixedOnTheSpot ? undefined : v.leadOrgId,
          deadline: v.fixedOnTheSpot || !v.deadline ? undefined : dateOnly(v.deadline),
        })
      }
    >
      <p style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 8 }}>{finding.text}</p>
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
      <Form.Item
        name="title"
        label={t("convert.problemTitle")}
        extra={t("convert.titleHint")}
        rules={[{ max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="fixedOnTheSpot" valuePropName="checked" extra={t("research.fixedOnSpotHint")}>
        <Checkbox data-testid="convert-fixed-on-spot">{t("research.fixedOnSpot")}</Checkbox>
      </Form.Item>
      {fixed ? (
        <Form.Item name="fixNote" label={t("research.fixNote")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="convert-fix-note" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="leadOrgId" label={t("convert.leadOrg")} rules={[required]}>
            <OrgSelect
              data-testid="convert-lead-org"
              initial={finding.orgId ? [{ value: finding.orgId, label: finding.orgName ?? "" }] : []}
            />
          </Form.Item>
          <Form.Item name="deadline" label={t("convert.deadline")} rules={[required]}>
            <DatePicker style={{ width: "100%" }} data-testid="convert-deadline" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
