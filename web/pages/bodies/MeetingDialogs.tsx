import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Form, Input, Radio, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { MEETING_SESSION_KINDS, type MeetingSessionKind } from "../../../contract/enums";
import {
  addAgendaItem,
  createMeeting,
  createSession,
  decisionToTask,
  type MeetingDetail,
  recordAttendance,
  recordDecision,
  recordMinutes,
  type SessionDetail,
  setMeetingMembers,
} from "../../api/bodies";
import { fetchProblem, listProblems } from "../../api/problems";
import { type Evidence, EvidenceUpload, evidenceIds } from "../../components/EvidenceUpload";
import { FormModal } from "../../components/FormModal";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { dateOnly, optionalText } from "../problem/dialogs/shared";
import { PersonSelect } from "./PersonSelect";

interface Done<R> {
  onClose: () => void;
  onDone: (r: R) => void;
}
type MemberValue = { orgId: string; liaisonUserId?: string };

/** The member units with their liaison officers, as a growing list of rows. */
function MemberRows({ initial }: { initial?: MeetingDetail }) {
  const t = useT();
  const orgs = initial?.members.map((m) => ({ value: m.orgId, label: m.orgName })) ?? [];
  const people =
    initial?.members.flatMap((m) =>
      m.liaisonUserId ? [{ value: m.liaisonUserId, label: m.liaisonName ?? "" }] : [],
    ) ?? [];
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: "flex" }}>
              <Form.Item
                name={[field.name, "orgId"]}
                rules={[{ required: true, message: t("common.required") }]}
                style={{ width: 260 }}
              >
                <OrgSelect initial={orgs} placeholder={t("meeting.memberOrg")} />
              </Form.Item>
              <Form.Item name={[field.name, "liaisonUserId"]} style={{ width: 240 }}>
                <PersonSelect initial={people} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="member-add">
            {t("meeting.addMember")}
          </Button>
        </>
      )}
    </Form.List>
  );
}

const cleanMembers = (members: MemberValue[] | undefined) =>
  (members ?? [])
    .filter((m) => m?.orgId)
    .map((m) => ({ orgId: m.orgId, liaisonUserId: m.liaisonUserId || undefined }));

interface MeetingValues {
  name: string;
  leadOrgId: string;
  convenerUserId: string;
  deputyUserId?: string;
  duties?: string;
  members?: MemberValue[];
}

/** 建立联席会议: lead org, convener, deputy, duties, member units with liaison officers. */
export function CreateMeetingDialog(props: Done<MeetingDetail>) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<MeetingValues, MeetingDetail>
      title={t("meeting.create")}
      width={720}
      {...props}
      initialValues={{ members: [] }}
      run={(v) =>
        createMeeting({
          name: v.name.trim(),
          leadOrgId: v.leadOrgId,
          convenerUserId: v.convenerUserId,
          deputyUserId: v.deputyUserId || undefined,
          duties: optionalText(v.duties),
          members: cleanMembers(v.members),
        })
      }
    >
      <Form.Item name="name" label={t("meeting.name")} rules={[required, { max: 100 }]}>
        <Input data-testid="meeting-name" />
      </Form.Item>
      <Form.Item name="leadOrgId" label={t("meeting.leadOrg")} rules={[required]}>
        <OrgSelect data-testid="meeting-lead-org" />
      </Form.Item>
      <Form.Item name="convenerUserId" label={t("meeting.convener")} rules={[required]}>
        <PersonSelect data-testid="meeting-convener" />
      </Form.Item>
      <Form.Item name="deputyUserId" label={t("meeting.deputy")}>
        <PersonSelect />
      </Form.Item>
      <Form.Item name="duties" label={t("meeting.duties")} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label={`${t("meeting.members")} / ${t("meeting.liaison")}`}>
        <MemberRows />
      </Form.Item>
    </FormModal>
  );
}

/** 调整成员单位. */
export function MeetingMembersDialog({ body, ...props }: Done<MeetingDetail> & { body: MeetingDetail }) {
  const t = useT();
  return (
    <FormModal<{ members?: MemberValue[] }, MeetingDetail>
      title={t("meeting.editMembers")}
      width={720}
      {...props}
      initialValues={{
        members: body.members.map((m) => ({ orgId: m.orgId, liaisonUserId: m.liaisonUserId ?? undefined })),
      }}
      run={(v) => setMeetingMembers(body.id, cleanMembers(v.members))}
    >
      <MemberRows initial={body} />
    </FormModal>
  );
}

/** 安排会议: type, title, date, place. */
export function SessionDialog({ body, ...props }: Done<SessionDetail> & { body: MeetingDetail }) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<{ kind: MeetingSessionKind; title: string; heldOn: Dayjs; place: string }, SessionDetail>
      title={t("meeting.createSession")}
      {...props}
      initialValues={{ kind: "plenary", heldOn: dayjs() }}
      run={(v) =>
        createSession(body.id, {
          kind: v.kind,
          title: v.title.trim(),
          heldOn: dateOnly(v.heldOn),
          place: v.place.trim(),
        })
      }
    >
      <Form.Item name="kind" label={t("meeting.sessionKind")} rules={[required]}>
        <Radio.Group
          options={MEETING_SESSION_KINDS.map((k) => ({
            value: k,
            label: <span data-testid={`session-kind-${k}`}>{t(`sessionKind.${k}`)}</span>,
          }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t("meeting.sessionTitle")} rules={[required, { max: 200 }]}>
        <Input data-testid="session-title" />
      </Form.Item>
      <Form.Item name="heldOn" label={t("meeting.heldOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="session-held-on" />
      </Form.Item>
      <Form.Item name="place" label={t("meeting.place")} rules={[required, { max: 200 }]}>
        <Input data-testid="session-place" />
      </Form.Item>
    </FormModal>
  );
}

/** 添加议题 (free text). */
export function AgendaDialog({ session, ...props }: Done<SessionDetail> & { session: SessionDetail }) {
  const t = useT();
  return (
    <FormModal<{ title: string }, SessionDetail>
      title={t("session.addAgenda")}
      {...props}
      run={(v) => addAgendaItem(session.id, { title: v.title.trim() })}
    >
      <Form.Item
        name="title"
        label={t("session.agendaTitle")}
        rules={[{ required: true, message: t("common.required") }, { max: 500 }]}
      >
        <Input.TextArea rows={2} data-testid="agenda-title" />
      </Form.Item>
    </FormModal>
  );
}

type AttendanceValue = { orgId: string; present: boolean; attendees?: string; absenceReason?: string };

/** 登记出席: for each member unit, present (who) or absent (why). */
export function AttendanceDialog({ session, ...props }: Done<SessionDetail> & { session: SessionDetail }) {
  const t = useT();
  const [form] = Form.useForm<{ entries: AttendanceValue[] }>();
  const entries = Form.useWatch("entries", form) ?? [];
  return (
    <FormModal<{ entries: AttendanceValue[] }, SessionDetail>
      title={t("session.recordAttendance")}
      width={720}
      form={form}
      {...props}
      initialValues={{
        entries: session.attendance.map((a) => ({
          orgId: a.orgId,
          present: a.present ?? true,
          attendees: a.attendees || undefined,
          absenceReason: a.absenceReason ?? undefined,
        })),
      }}
      run={(v) =>
        recordAttendance(session.id, {
          entries: v.entries.map((e) => ({
            orgId: e.orgId,
            present: e.present,
            attendees: optionalText(e.attendees),
            absenceReason: e.present ? undefined : optionalText(e.absenceReason),
          })),
        })
      }
    >
      <Form.List name="entries">
        {(fields) =>
          fields.map((field, i) => (
            <div key={field.key} style={{ borderBottom: "1px solid #f0f0f0", marginBottom: 8 }}>
              <strong>{session.attendance[i]?.orgName}</strong>
              <Form.Item name={[field.name, "orgId"]} hidden>
                <Input />
              </Form.Item>
              <Space align="baseline" wrap>
                <Form.Item name={[field.name, "present"]}>
                  <Radio.Group
                    options={[
                      { value: true, label: t("session.present") },
                      { value: false, label: t("session.absent") },
                    ]}
                  />
                </Form.Item>
                {entries[i]?.present === false ? (
                  <Form.Item
                    name={[field.name, "absenceReason"]}
                    rules={[{ required: true, message: t("common.required") }, { max: 500 }]}
                    style={{ width: 360 }}
                  >
                    <Input placeholder={t("session.absenceReason")} />
                  </Form.Item>
                ) : (
                  <Form.Item name={[field.name, "attendees"]} rules={[{ max: 500 }]} style={{ width: 360 }}>
                    <Input placeholder={t("session.attendees")} />
                  </Form.Item>
                )}
              </Space>
            </div>
          ))
        }
      </Form.List>
    </FormModal>
  );
}

/** 录入纪要: text, 文号 and the signed file. */
export function MinutesDialog({ session, ...props }: Done<SessionDetail> & { session: SessionDetail }) {
  const t = useT();
  return (
    <FormModal<{ text: string; docNumber?: string; files?: Evidence[] }, SessionDetail>
      title={t("session.recordMinutes")}
      width={720}
      {...props}
      initialValues={{ text: session.minutes.text ?? "", docNumber: session.minutes.docNumber ?? undefined }}
      run={async (v) => {
        const [attachmentId] = await evidenceIds(v.files);
        return recordMinutes(session.id, {
          text: v.text,
          docNumber: optionalText(v.docNumber),
          attachmentId,
        });
      }}
    >
      <Form.Item name="docNumber" label={t("session.docNumber")} rules={[{ max: 60 }]}>
        <Input placeholder="桂整改联〔2026〕1号" data-testid="minutes-doc-number" />
      </Form.Item>
      <Form.Item
        name="text"
        label={t("session.minutesText")}
        rules={[{ required: true, message: t("common.required") }, { max: 20000 }]}
      >
        <Input.TextArea rows={8} data-testid="minutes-text" />
      </Form.Item>
      <Form.Item name="files" label={t("session.minutesFile")}>
        <EvidenceUpload max={1} />
      </Form.Item>
    </FormModal>
  );
}

/** 记录议定事项: what was decided, for whom, by when. */
export function DecisionDialog({ session, ...props }: Done<SessionDetail> & { session: SessionDetail }) {
  const t = useT();
  return (
    <FormModal<{ text: string; ownerOrgId?: string; deadline?: Dayjs }, SessionDetail>
      title={t("session.recordDecision")}
      {...props}
      run={(v) =>
        recordDecision(session.id, {
          text: v.text.trim(),
          ownerOrgId: v.ownerOrgId,
          deadline: v.deadline ? dateOnly(v.deadline) : undefined,
        })
      }
    >
      <Form.Item
        name="text"
        label={t("session.decisionText")}
        rules={[{ required: true, message: t("common.required") }, { max: 2000 }]}
      >
        <Input.TextArea rows={3} data-testid="decision-text" />
      </Form.Item>
      <Form.Item name="ownerOrgId" label={t("session.ownerOrg")}>
        <OrgSelect data-testid="decision-owner-org" />
      </Form.Item>
      <Form.Item name="deadline" label={t("bodies.deadline")}>
        <DatePicker style={{ width: "100%" }} data-testid="decision-deadline" />
      </Form.Item>
    </FormModal>
  );
}

interface TaskValues {
  problemId: string;
  measureId?: string;
  orgId: string;
  deadline: Dayjs;
  title?: string;
}

/** 转为任务: a task for an owner unit with a deadline, on a problem under rectification. */
export function ToTaskDialog({
  decision,
  ...props
}: Done<SessionDetail> & { decision: SessionDetail["decisions"][number] }) {
  const t = useT();
  const [form] = Form.useForm<TaskValues>();
  const [q, setQ] = useState("");
  const problemId = Form.useWatch("problemId", form);
  const problems = useQuery({
    queryKey: ["decision-task-problems", q],
    queryFn: () =>
      listProblems({ q: q || undefined, status: ["rectifying", "ongoing"], limit: 20, offset: 0 }),
  });
  const problem = useQuery({
    queryKey: ["problem", problemId],
    queryFn: () => fetchProblem(problemId),
    enabled: Boolean(problemId),
  });
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<TaskValues, SessionDetail>
      title={t("session.toTask")}
      form={form}
      {...props}
      initialValues={{
        orgId: decision.ownerOrgId ?? undefined,
        deadline: decision.deadline ? dayjs(decision.deadline) : undefined,
      }}
      run={(v) =>
        decisionToTask(decision.id, {
          problemId: v.problemId,
          measureId: v.measureId,
          orgId: v.orgId,
          deadline: dateOnly(v.deadline),
          title: optionalText(v.title),
        })
      }
    >
      <p style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 8 }}>{decision.text}</p>
      <Form.Item
        name="problemId"
        label={t("session.problem")}
        extra={t("session.problemHint")}
        rules={[required]}
      >
        <Select
          data-testid="task-problem"
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={problems.isLoading}
          options={(problems.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
          onChange={() => form.setFieldValue("measureId", undefined)}
        />
      </Form.Item>
      <Form.Item name="measureId" label={t("session.measure")} extra={t("session.measureHint")}>
        <Select
          allowClear
          options={(problem.data?.measures ?? []).map((m) => ({
            value: m.id,
            label: `${m.seqNo}. ${m.title}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="orgId" label={t("session.ownerOrg")} rules={[required]}>
        <OrgSelect
          initial={
            decision.ownerOrgId ? [{ value: decision.ownerOrgId, label: decision.ownerOrgName ?? "" }] : []
          }
          data-testid="task-org"
        />
      </Form.Item>
      <Form.Item name="deadline" label={t("bodies.deadline")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="task-deadline" />
      </Form.Item>
      <Form.Item name="title" label={t("session.taskTitle")} rules={[{ max: 500 }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
