import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import {
  CALENDAR_KEY,
  type CalendarDay,
  calendarYearKey,
  fetchCalendarOverview,
  fetchCalendarYear,
  saveCalendarYear,
} from "../api/calendar";
import { can } from "../api/session";
import { FormDrawer } from "../components/FormDrawer";
import { applyFieldErrors } from "../components/formErrors";
import { useCurrentMe } from "../components/RequireAuth";
import { errorMessage, todayInShanghai } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

interface Row {
  date: Dayjs;
  kind: CalendarDay["kind"];
  name: string;
}

/** The edit form of one year: every day off and make-up working day, replaced as a whole. */
function EditYearDrawer({ year, days, onClose }: { year: number; days: CalendarDay[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ days: Row[] }>();
  const save = useMutation({
    mutationFn: (v: { days: Row[] }) =>
      saveCalendarYear(
        year,
        (v.days ?? []).map((d) => ({ date: d.date.format("YYYY-MM-DD"), kind: d.kind, name: d.name.trim() })),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
      message.success(t("calendar.saved"));
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const required = { required: true, message: t("common.required") };
  return (
    <FormDrawer
      title={t("calendar.editTitle", { year })}
      size={640}
      onClose={onClose}
      form={form}
      save={save}
      submitTestId="calendar-save"
      initialValues={{ days: days.map((d) => ({ ...d, date: dayjs(d.date) })) }}
    >
      <Form.List name="days">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap data-testid="calendar-day-row">
                <Form.Item name={[f.name, "date"]} rules={[required]}>
                  <DatePicker
                    disabledDate={(d) => d.year() !== year}
                    defaultPickerValue={dayjs(`${year}-01-01`)}
                    data-testid="calendar-day-date"
                  />
                </Form.Item>
                <Form.Item name={[f.name, "kind"]} rules={[required]}>
                  <Select
                    style={{ width: 140 }}
                    options={(["holiday", "workday"] as const).map((k) => ({
                      value: k,
                      label: t(`calendar.kind.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, "name"]} rules={[required, { max: 40 }]}>
                  <Input placeholder={t("calendar.name")} style={{ width: 160 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ kind: "holiday", name: "" })}
              data-testid="calendar-add-day"
            >
              {t("calendar.addDay")}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}

/** 日历管理: each year's days off and make-up working days, with a warning for years in use without one. */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const me = useCurrentMe();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState(false);
  const overview = useQuery({ queryKey: CALENDAR_KEY, queryFn: fetchCalendarOverview });
  const detail = useQuery({ queryKey: calendarYearKey(year), queryFn: () => fetchCalendarYear(year) });
  const years = [
    ...new Set([
      ...(overview.data?.years.map((y) => y.year) ?? []),
      ...(overview.data?.missingYears ?? []),
      thisYear,
      thisYear + 1,
    ]),
  ].sort();
  const stored = overview.data?.years.find((y) => y.year === year);
  const columns = [
    { key: "date", title: t("calendar.date"), dataIndex: "date", width: 140 },
    {
      key: "weekday",
      title: "",
      width: 80,
      render: (_: unknown, d: CalendarDay) =>
        dayjs(d.date)
          .locale(lang === "en" ? "en" : "zh-cn")
          .format("ddd"),
    },
    { key: "name", title: t("calendar.name"), dataIndex: "name" },
  ];
  const days = detail.data?.days ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="calendar-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("calendar.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("calendar.intro")}</Typography.Text>
      {overview.data && overview.data.missingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-missing"
          title={t("calendar.missing", { years: overview.data.missingYears.join("、") })}
        />
      )}
      <Space wrap>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          data-testid="calendar-year"
        />
        {stored && (
          <Tag color={stored.source === "official" ? "blue" : "gold"}>
            {t(`calendar.source.${stored.source}`)}
          </Tag>
        )}
        {stored && (
          <Typography.Text>
            {t("calendar.counts", { holidays: stored.holidays, workdays: stored.workdays })}
          </Typography.Text>
        )}
        {can(me, "calendar.manage") && detail.data && (
          <Button type="primary" onClick={() => setEditing(true)} data-testid="calendar-edit">
            {t("calendar.edit")}
          </Button>
        )}
      </Space>
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error, lang, t)} />}
      {detail.data?.fallback && (
        <Alert
          type="warning"
          showIcon
          title={t("calendar.fallback", { year })}
          data-testid="calendar-fallback"
        />
      )}
      {detail.data?.known && (
        <Space align="start" wrap size={16} style={{ width: "100%" }}>
          {(["holiday", "workday"] as const).map((kind) => (
            <Card
              key={kind}
              size="small"
              title={t(kind === "holiday" ? "calendar.holidays" : "calendar.workdays")}
              style={{ minWidth: 380 }}
            >
              <Table<CalendarDay>
                size="small"
                rowKey="date"
                pagination={false}
                columns={columns}
                dataSource={days.filter((d) => d.kind === kind)}
                locale={{ emptyText: t("calendar.empty") }}
                data-testid={`calendar-${kind}s`}
              />
            </Card>
          ))}
        </Space>
      )}
      {editing && detail.data && (
        <EditYearDrawer year={year} days={detail.data.days} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}
