import { SearchOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Select, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import {
  CLOSURE_KINDS,
  type ClosureKind,
  LIGHTS,
  type LightColor,
  PROBLEM_STATUSES,
  type ProblemStatus,
  RECTIFY_TYPES,
  type RectifyType,
  SOURCE_TYPES,
  type SourceType,
  TASK_STATUSES,
  type TaskStatus,
} from "../../../contract/enums";
import type { Campaign } from "../../api/campaigns";
import type { ProblemFilter } from "../../api/problems";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { LINK_ONLY_KEYS, searchFromFilter } from "./ledgerUrl";

export interface LedgerFilter extends ProblemFilter {
  taskStatus?: TaskStatus[];
}

interface Values {
  campaignId?: string;
  categoryId?: string;
  status?: ProblemStatus[];
  light?: LightColor[];
  taskStatus?: TaskStatus[];
  leadOrgId?: string;
  rectifyType?: RectifyType;
  closureKind?: ClosureKind;
  sourceType?: SourceType;
  deadline?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

interface Props {
  /** The filter in force (from the URL); the form shows it. */
  value: LedgerFilter;
  campaigns: Campaign[];
  showTaskStatus: boolean;
  onChange: (filter: LedgerFilter) => void;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);

/** The form's values for a filter. */
const toValues = (f: LedgerFilter): Values => ({
  campaignId: f.campaignId,
  categoryId: f.categoryId,
  status: f.status,
  light: f.light,
  taskStatus: f.taskStatus,
  leadOrgId: f.leadOrgId,
  rectifyType: f.rectifyType,
  closureKind: f.closureKind,
  sourceType: f.sourceType,
  deadline:
    f.deadlineFrom || f.deadlineTo
      ? [f.deadlineFrom ? dayjs(f.deadlineFrom) : null, f.deadlineTo ? dayjs(f.deadlineTo) : null]
      : null,
  q: f.q,
});

/** The filter fields a statistics link set that the form has no control for. */
const linkOnly = (f: LedgerFilter) =>
  Object.fromEntries(LINK_ONLY_KEYS.filter((k) => f[k]).map((k) => [k, f[k]])) as Partial<LedgerFilter>;

/** The ledger's filters; every change applies at once, the keyword on Enter. */
export function LedgerFilters({ value, campaigns, showTaskStatus, onChange }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const key = searchFromFilter({ ...value }).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised filter stands for `value`
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(value));
  }, [key, form]);
  const extra = linkOnly(value);
  const campaignId = Form.useWatch("campaignId", form);
  const categories = campaigns
    .filter((c) => !campaignId || c.id === campaignId)
    .flatMap((c) =>
      c.categories.map((cat) => ({
        value: cat.id,
        label: campaignId ? cat.name : `${cat.name}（${c.name}）`,
      })),
    );

  const submit = (v: Values) => {
    const [from, to] = v.deadline ?? [null, null];
    onChange({
      ...extra,
      campaignId: v.campaignId || undefined,
      categoryId: v.categoryId || undefined,
      status: v.status?.length ? v.status : undefined,
      light: v.light?.length ? v.light : undefined,
      taskStatus: v.taskStatus?.length ? v.taskStatus : undefined,
      leadOrgId: v.leadOrgId || undefined,
      rectifyType: v.rectifyType || undefined,
      closureKind: v.closureKind || undefined,
      sourceType: v.sourceType || undefined,
      deadlineFrom: day(from),
      deadlineTo: day(to),
      q: v.q?.trim().slice(0, 50) || undefined,
    });
  };

  const select = (width: number) => ({ allowClear: true, style: { width } });

  return (
    <Form
      form={form}
      layout="inline"
      onFinish={submit}
      onValuesChange={(changed: Partial<Values>) => {
        if ("campaignId" in changed) form.setFieldValue("categoryId", undefined);
        // the keyword applies on Enter, or at once when it is cleared
        if (!("q" in changed) || !changed.q) form.submit();
      }}
      style={{ rowGap: 8, marginBottom: 16 }}
      data-testid="ledger-filters"
    >
      <Form.Item name="campaignId">
        <Select
          {...select(200)}
          placeholder={t("ledger.col.campaign")}
          options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="filter-campaign"
        />
      </Form.Item>
      <Form.Item name="categoryId">
        <Select
          {...select(200)}
          placeholder={t("ledger.col.category")}
          options={categories}
          data-testid="filter-category"
        />
      </Form.Item>
      <Form.Item name="status">
        <Select
          {...select(240)}
          mode="multiple"
          maxTagCount="responsive"
          placeholder={t("ledger.col.status")}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problemStatus.${s}`) }))}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item name="light">
        <Select
          {...select(180)}
          mode="multiple"
          maxTagCount="responsive"
          placeholder={t("light.filter")}
          options={LIGHTS.map((l) => ({ value: l, label: t(`light.${l}`) }))}
          data-testid="filter-light"
        />
      </Form.Item>
      {showTaskStatus && (
        <Form.Item name="taskStatus">
          <Select
            {...select(220)}
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t("ledger.taskStatus")}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
            data-testid="filter-task-status"
          />
        </Form.Item>
      )}
      <Form.Item name="leadOrgId">
        <OrgSelect
          placeholder={t("ledger.col.leadOrg")}
          style={{ width: 200 }}
          data-testid="filter-lead-org"
        />
      </Form.Item>
      <Form.Item name="rectifyType">
        <Select
          {...select(140)}
          placeholder={t("ledger.col.rectifyType")}
          options={RECTIFY_TYPES.map((r) => ({ value: r, label: t(`rectifyType.${r}`) }))}
          data-testid="filter-rectify-type"
        />
      </Form.Item>
      <Form.Item name="closureKind">
        <Select
          {...select(160)}
          placeholder={t("ledger.col.closureKind")}
          options={CLOSURE_KINDS.map((k) => ({ value: k, label: t(`closureKind.${k}`) }))}
          data-testid="filter-closure-kind"
        />
      </Form.Item>
      <Form.Item name="sourceType">
        <Select
          {...select(170)}
          placeholder={t("ledger.col.sourceType")}
          options={SOURCE_TYPES.map((s) => ({ value: s, label: t(`sourceType.${s}`) }))}
          data-testid="filter-source-type"
        />
      </Form.Item>
      <Form.Item>
        <div data-testid="filter-deadline">
          <Form.Item name="deadline" noStyle>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t("ledger.deadlineFrom"), t("ledger.deadlineTo")]}
            />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="q">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("ledger.keyword")}
          onPressEnter={() => form.submit()}
          style={{ width: 240 }}
          data-testid="filter-q"
        />
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
          data-testid="filter-reset"
        >
          {t("common.reset")}
        </Button>
      </Form.Item>
      {Object.keys(extra).length > 0 && (
        <Form.Item>
          <Tag
            closable
            color="blue"
            onClose={() =>
              onChange({ ...value, ...Object.fromEntries(LINK_ONLY_KEYS.map((k) => [k, undefined])) })
            }
            data-testid="filter-link-only"
          >
            {linkOnlyText(t, extra)}
          </Tag>
        </Form.Item>
      )}
    </Form>
  );
}

/** "登记于 2026-11-30 至 2026-12-06 · 已催办" — what a statistics link narrowed the ledger to. */
function linkOnlyText(t: ReturnType<typeof useT>, f: Partial<LedgerFilter>): string {
  const range = (from?: string, to?: string) => `${from ?? "…"} ~ ${to ?? "…"}`;
  const parts: string[] = [];
  if (f.registeredFrom || f.registeredTo)
    parts.push(t("ledger.link.registered", { range: range(f.registeredFrom, f.registeredTo) }));
  if (f.closedFrom || f.closedTo)
    parts.push(t("ledger.link.closed", { range: range(f.closedFrom, f.closedTo) }));
  if (f.returnedFrom || f.returnedTo)
    parts.push(t("ledger.link.returned", { range: range(f.returnedFrom, f.returnedTo) }));
  if (f.escalation) parts.push(t(`escalation.${f.escalation}`));
  return parts.join(" · ");
}
