import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Switch,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { RECTIFY_TYPES, type RectifyType } from "../../../contract/enums";
import { CAMPAIGNS_KEY, createCampaign } from "../../api/campaigns";
import { FormDrawer } from "../../components/FormDrawer";
import { applyFieldErrors } from "../../components/formErrors";
import { lineRules, lines } from "../../components/lineRules";
import { OrgSelect } from "../../components/OrgSelect";
import { useCurrentMe } from "../../components/RequireAuth";
import { useI18n } from "../../i18n/I18nProvider";

interface Values {
  name: string;
  ownerOrgId: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  categories: { name: string; portraitTemplate?: string }[];
  satisfactionRequired: boolean;
  thresholdPercent: number;
  ballotScale: 3 | 5;
  publicNoticeDays: number;
  followUpMonths: number;
  allowedRectifyTypes: RectifyType[];
  /** Warning-light thresholds; the time-left shares as percentages. */
  lights: {
    yellowTimeLeftPercent: number;
    lightYellowDaysLeft: number;
    orangeTimeLeftPercent: number;
    lightYellowBehind: number;
    lightRedBehind: number;
    reportEveryWorkingDays: number;
    warningAnswerWorkingDays: number;
  };
}

/** 新建专项工作: a campaign with its categories (突出问题) and closing rules. */
export function CreateCampaignDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const me = useCurrentMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const home = me.roles.find((r) => r.orgId === me.user.orgId) ?? me.roles[0];
  const required = { required: true, message: t("common.required") };

  const save = useMutation({
    mutationFn: (v: Values) =>
      createCampaign({
        name: v.name.trim(),
        ownerOrgId: v.ownerOrgId,
        startsOn: v.startsOn.format("YYYY-MM-DD"),
        endsOn: v.endsOn.format("YYYY-MM-DD"),
        categories: v.categories.map((c) => ({
          name: c.name.trim(),
          portraitTemplate: lines(c.portraitTemplate),
        })),
        settings: {
          satisfactionRequired: v.satisfactionRequired,
          satisfactionThreshold: v.thresholdPercent / 100,
          ballotScale: v.ballotScale,
          publicNoticeDays: v.publicNoticeDays,
          followUpMonths: v.followUpMonths,
          allowedRectifyTypes: v.allowedRectifyTypes,
          lightYellowTimeLeft: v.lights.yellowTimeLeftPercent / 100,
          lightYellowDaysLeft: v.lights.lightYellowDaysLeft,
          lightOrangeTimeLeft: v.lights.orangeTimeLeftPercent / 100,
          lightYellowBehind: v.lights.lightYellowBehind,
          lightRedBehind: v.lights.lightRedBehind,
          reportEveryWorkingDays: v.lights.reportEveryWorkingDays,
          warningAnswerWorkingDays: v.lights.warningAnswerWorkingDays,
        },
      }),
    onSuccess: (c) => {
      form.resetFields();
      message.success(t("campaign.created", { name: c.name }));
      void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <FormDrawer
      open={open}
      title={t("campaign.create")}
      size={640}
      onClose={onClose}
      form={form}
      save={save}
      submitTestId="campaign-form-submit"
      initialValues={{
        ownerOrgId: home?.orgId,
        categories: [{ name: "" }],
        satisfactionRequired: true,
        thresholdPercent: 90,
        ballotScale: 3,
        publicNoticeDays: 7,
        followUpMonths: 3,
        allowedRectifyTypes: [...RECTIFY_TYPES],
        lights: {
          yellowTimeLeftPercent: 30,
          lightYellowDaysLeft: 3,
          orangeTimeLeftPercent: 15,
          lightYellowBehind: 10,
          lightRedBehind: 30,
          reportEveryWorkingDays: 10,
          warningAnswerWorkingDays: 3,
        },
      }}
    >
      <Form.Item
        name="name"
        label={t("campaign.name")}
        rules={[{ ...required, whitespace: true }, { max: 100 }]}
      >
        <Input data-testid="campaign-form-name" />
      </Form.Item>
      <Form.Item name="ownerOrgId" label={t("campaign.ownerOrg")} rules={[required]}>
        <OrgSelect initial={home ? [{ value: home.orgId, label: home.orgName }] : []} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="startsOn" label={t("campaign.startsOn")} rules={[required]}>
          <DatePicker data-testid="campaign-form-starts" />
        </Form.Item>
        <Form.Item
          name="endsOn"
          label={t("campaign.endsOn")}
          dependencies={["startsOn"]}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: async (_, end?: Dayjs) => {
                const start: Dayjs | undefined = getFieldValue("startsOn");
                if (start && end?.isBefore(start, "day")) throw new Error(t("campaign.endBeforeStart"));
              },
            }),
          ]}
        >
          <DatePicker data-testid="campaign-form-ends" />
        </Form.Item>
      </Space>
      <Form.Item label={t("campaign.categories")} required extra={t("campaign.templateHint")}>
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: "flex" }} wrap>
                  <Form.Item
                    name={[field.name, "name"]}
                    rules={[{ ...required, whitespace: true }, { max: 100 }]}
                  >
                    <Input
                      placeholder={t("campaign.categoryName")}
                      style={{ width: 200 }}
                      data-testid={`campaign-form-category-${i}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "portraitTemplate"]}
                    rules={lineRules(30, 200, t("campaign.templateRule"))}
                  >
                    <Input.TextArea
                      placeholder={t("campaign.template")}
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      style={{ width: 300 }}
                      data-testid={`campaign-form-template-${i}`}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                    aria-label={t("common.delete")}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: "" })}>
                {t("campaign.addCategory")}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="allowedRectifyTypes" label={t("campaign.allowedRectifyTypes")} rules={[required]}>
        <Checkbox.Group options={RECTIFY_TYPES.map((r) => ({ value: r, label: t(`rectifyType.${r}`) }))} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item
          name="satisfactionRequired"
          label={t("campaign.satisfactionRequired")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="thresholdPercent" label={t("campaign.threshold")} rules={[required]}>
          <InputNumber min={0} max={100} suffix="%" />
        </Form.Item>
        <Form.Item name="ballotScale" label={t("campaign.ballotScale")}>
          <Radio.Group
            options={[
              { value: 3, label: t("campaign.scale3") },
              { value: 5, label: t("campaign.scale5") },
            ]}
          />
        </Form.Item>
        <Form.Item name="publicNoticeDays" label={t("campaign.publicNoticeDays")} rules={[required]}>
          <InputNumber min={1} max={90} precision={0} />
        </Form.Item>
        <Form.Item name="followUpMonths" label={t("campaign.followUpMonths")} rules={[required]}>
          <InputNumber min={1} max={36} precision={0} />
        </Form.Item>
      </Space>
      <Typography.Title level={5}>{t("campaign.lights")}</Typography.Title>
      <Space wrap size="large" align="start" data-testid="campaign-light-settings">
        {(
          [
            ["yellowTimeLeftPercent", "campaign.lightYellowTimeLeft", 0, 100, "%"],
            ["lightYellowDaysLeft", "campaign.lightYellowDaysLeft", 0, 60, undefined],
            ["orangeTimeLeftPercent", "campaign.lightOrangeTimeLeft", 0, 100, "%"],
            ["lightYellowBehind", "campaign.lightYellowBehind", 1, 100, undefined],
            ["lightRedBehind", "campaign.lightRedBehind", 1, 100, undefined],
            ["reportEveryWorkingDays", "campaign.reportEveryWorkingDays", 1, 120, undefined],
            ["warningAnswerWorkingDays", "campaign.warningAnswerWorkingDays", 1, 60, undefined],
          ] as const
        ).map(([name, label, min, max, suffix]) => (
          <Form.Item key={name} name={["lights", name]} label={t(label)} rules={[required]}>
            <InputNumber min={min} max={max} precision={0} suffix={suffix} />
          </Form.Item>
        ))}
      </Space>
    </FormDrawer>
  );
}
