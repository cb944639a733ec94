import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import {
  HOUSEHOLD_KINDS,
  type HouseholdKind,
  RESEARCH_METHODS,
  RESEARCH_OUTCOME_KINDS,
  type ResearchMethod,
  type ResearchOutcomeKind,
} from "../../../contract/enums";
import { UPLOAD_ACCEPT, uploadAttachment } from "../../api/attachments";
import { createResearch, type ResearchDetail, updateResearch } from "../../api/research";
import { FormDrawer } from "../../components/FormDrawer";
import { applyFieldErrors } from "../../components/formErrors";
import { OrgMultiSelect } from "../../components/OrgMultiSelect";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { lines } from "../bodies/LightTag";
import { PersonSelect } from "../bodies/PersonSelect";
import { dateOnly, optionalText } from "../problem/dialogs/shared";

interface Values {
  orgId: string;
  topic: string;
  leadUserId?: string;
  leadName?: string;
  leadTitle?: string;
  participants?: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  siteOrgIds?: string[];
  methods?: ResearchMethod[];
  householdsVisited?: number;
  householdsConsoled?: number;
  households?: { kind: HouseholdKind; name: string; place?: string; note?: string }[];
  symposia?: { heldOn: Dayjs; place: string; groups?: string; participantCount?: number }[];
  summary?: string;
  suggestions?: string;
  outcomes?: { kind: ResearchOutcomeKind; text: string; docNumber?: string }[];
  findings?: string;
}

const splitGroups = (text: string | undefined) =>
  (text ?? "")
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The initial form of an existing visit. */
function valuesOf(d: ResearchDetail): Partial<Values> {
  return {
    orgId: d.orgId,
    topic: d.topic,
    leadUserId: d.leadUserId ?? undefined,
    leadName: d.leadUserId ? undefined : d.leadName,
    leadTitle: d.leadTitle ?? undefined,
    participants: d.participants.join("\n"),
    startsOn: dayjs(d.startsOn),
    endsOn: dayjs(d.endsOn),
    siteOrgIds: d.sites.map((s) => s.id),
    methods: d.methods,
    householdsVisited: d.householdsVisited,
    householdsConsoled: d.householdsConsoled,
    households: d.households.map((h) => ({
      kind: h.kind,
      name: h.name,
      place: h.place ?? undefined,
      note: h.note ?? undefined,
    })),
    symposia: d.symposia.map((s) => ({
      heldOn: dayjs(s.heldOn),
      place: s.place,
      groups: s.groups.join("、"),
      participantCount: s.participantCount,
    })),
    summary: d.summary ?? undefined,
    suggestions: d.suggestions.map((s) => s.text).join("\n"),
    outcomes: d.outcomes.map((o) => ({ kind: o.kind, text: o.text, docNumber: o.docNumber ?? undefined })),
  };
}

/** 登记调研 / 编辑: topic, leading official, dates, sites, households, symposia, findings, suggestions, outcomes, report. */
export function ResearchFormDrawer({
  visit,
  onClose,
  onDone,
}: {
  /** The visit being edited; a new one when absent. */
  visit?: ResearchDetail;
  onClose: () => void;
  onDone: (v: ResearchDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [report, setReport] = useState<{ id: string; name: string } | null>(
    visit?.report ? { id: visit.report.id, name: visit.report.originalName } : null,
  );
  const required = { required: true, message: t("common.required") };
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const fields = {
        topic: v.topic.trim(),
        leadUserId: v.leadUserId || undefined,
        leadName: optionalText(v.leadName),
        leadTitle: optionalText(v.leadTitle),
        participants: lines(v.participants),
        startsOn: dateOnly(v.startsOn),
        endsOn: dateOnly(v.endsOn),
        siteOrgIds: v.siteOrgIds ?? [],
        methods: v.methods ?? [],
        householdsVisited: v.householdsVisited ?? 0,
        householdsConsoled: v.householdsConsoled ?? 0,
        households: (v.households ?? []).map((h) => ({
          kind: h.kind,
          name: h.name.trim(),
          place: optionalText(h.place),
          note: optionalText(h.note),
        })),
        symposia: (v.symposia ?? []).map((s) => ({
          heldOn: dateOnly(s.heldOn),
          place: s.place.trim(),
          groups: splitGroups(s.groups),
          participantCount: s.participantCount ?? 0,
        })),
        summary: optionalText(v.summary),
        suggestions: lines(v.suggestions),
        outcomes: (v.outcomes ?? []).map((o) => ({
          kind: o.kind,
          text: o.text.trim(),
          docNumber: optionalText(o.docNumber),
        })),
        reportAttachmentId: report?.id,
      };
      if (visit) return updateResearch(visit.id, fields);
      return createResearch({
        ...fields,
        orgId: v.orgId,
        findings: lines(v.findings).map((text) => ({ text })),
      });
    },
    onSuccess: (d) => {
      message.success(t("research.saved"));
      onDone(d);
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const width = typeof window === "undefined" ? 720 : Math.min(720, window.innerWidth);
  return (
    <FormDrawer<Values>
      title={visit ? t("research.edit") : t("research.create")}
      size={width}
      onClose={onClose}
      form={form}
      save={save}
      submitTestId="research-submit"
      scrollToFirstError
      initialValues={
        visit ? valuesOf(visit) : { householdsVisited: 0, householdsConsoled: 0, methods: ["site_visit"] }
      }
    >
      {!visit && (
        <Form.Item name="orgId" label={t("research.org")} rules={[required]}>
          <OrgSelect data-testid="research-org" />
        </Form.Item>
      )}
      <Form.Item name="topic" label={t("research.topic")} rules={[required, { max: 200 }]}>
        <Input data-testid="research-topic" />
      </Form.Item>
      <Form.Item name="leadUserId" label={t("research.leadUser")} extra={t("research.leadHint")}>
        <PersonSelect
          data-testid="research-lead-user"
          initial={visit?.leadUserId ? [{ value: visit.leadUserId, label: visit.leadName }] : []}
        />
      </Form.Item>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="leadName" label={t("research.leadName")} rules={[{ max: 50 }]}>
          <Input data-testid="research-lead-name" />
        </Form.Item>
        <Form.Item name="leadTitle" label={t("research.leadTitle")} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="participants" label={t("research.participants")} extra={t("research.linesHint")}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="startsOn" label={t("research.startsOn")} rules={[required]}>
          <DatePicker data-testid="research-starts-on" />
        </Form.Item>
        <Form.Item name="endsOn" label={t("research.endsOn")} rules={[required]}>
          <DatePicker data-testid="research-ends-on" />
        </Form.Item>
      </Space>
      <Form.Item name="siteOrgIds" label={t("research.sites")} extra={t("research.sitesHint")}>
        <OrgMultiSelect
          data-testid="research-sites"
          initial={visit?.sites.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="methods" label={t("research.methods")}>
        <Select
          mode="multiple"
          options={RESEARCH_METHODS.map((m) => ({ value: m, label: t(`researchMethod.${m}`) }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="householdsVisited" label={t("research.householdsVisited")}>
          <InputNumber min={0} max={100000} data-testid="research-households-visited" />
        </Form.Item>
        <Form.Item name="householdsConsoled" label={t("research.householdsConsoled")}>
          <InputNumber min={0} max={100000} data-testid="research-households-consoled" />
        </Form.Item>
      </Space>
      <Form.Item label={t("research.households")}>
        <Form.List name="households">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, "kind"]} rules={[required]}>
                    <Select
                      style={{ width: 140 }}
                      options={HOUSEHOLD_KINDS.map((k) => ({ value: k, label: t(`householdKind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "name"]} rules={[required, { max: 100 }]}>
                    <Input placeholder={t("research.householdName")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "place"]} rules={[{ max: 200 }]}>
                    <Input placeholder={t("research.householdPlace")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "note"]} rules={[{ max: 500 }]}>
                    <Input placeholder={t("research.householdNote")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "consoled" })}>
                {t("research.addHousehold")}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t("research.symposia")}>
        <Form.List name="symposia">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" data-testid="research-symposium">
                  <Form.Item name={[f.name, "heldOn"]} rules={[required]}>
                    <DatePicker placeholder={t("research.heldOn")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "place"]} rules={[required, { max: 200 }]}>
                    <Input placeholder={t("research.place")} data-testid="research-symposium-place" />
                  </Form.Item>
                  <Form.Item name={[f.name, "groups"]} extra={t("research.groupsHint")}>
                    <Input placeholder={t("research.groups")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "participantCount"]}>
                    <InputNumber min={0} max={10000} placeholder={t("research.participantCount")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ heldOn: form.getFieldValue("startsOn") })}
                data-testid="research-add-symposium"
              >
                {t("research.addSymposium")}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="summary" label={t("research.summary")} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {!visit && (
        <Form.Item name="findings" label={t("research.findings")} extra={t("research.linesHint")}>
          <Input.TextArea rows={3} data-testid="research-findings" />
        </Form.Item>
      )}
      <Form.Item name="suggestions" label={t("research.suggestions")} extra={t("research.suggestionsHint")}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label={t("research.outcomes")}>
        <Form.List name="outcomes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, "kind"]} rules={[required]}>
                    <Select
                      style={{ width: 100 }}
                      options={RESEARCH_OUTCOME_KINDS.map((k) => ({
                        value: k,
                        label: t(`outcomeKind.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "text"]} rules={[required, { max: 1000 }]}>
                    <Input placeholder={t("research.outcomeText")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "docNumber"]} rules={[{ max: 100 }]}>
                    <Input placeholder={t("research.docNumber")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "measure" })}>
                {t("research.addOutcome")}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t("research.report")}>
        <Upload
          accept={UPLOAD_ACCEPT}
          maxCount={1}
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            uploadAttachment(file as File)
              .then((f) => {
                setReport({ id: f.id, name: f.originalName });
                onSuccess?.(f);
              })
              .catch((e) => onError?.(e));
          }}
        >
          <Button icon={<UploadOutlined />}>{report ? report.name : t("research.uploadReport")}</Button>
        </Upload>
      </Form.Item>
    </FormDrawer>
  );
}
