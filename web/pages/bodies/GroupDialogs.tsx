import { DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { SUPERVISION_ACTIVITY_KINDS, type SupervisionActivityKind } from "../../../contract/enums";
import {
  createGroup,
  type GroupDetail,
  recordActivity,
  recordFinding,
  setContactPoints,
  setGroupMembers,
  updateGroup,
} from "../../api/bodies";
import { FormModal } from "../../components/FormModal";
import { OrgMultiSelect } from "../../components/OrgMultiSelect";
import { OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";
import { dateOnly, optionalText } from "../problem/dialogs/shared";
import { lines } from "./LightTag";
import { PersonSelect } from "./PersonSelect";

interface Done {
  onClose: () => void;
  onDone: (g: GroupDetail) => void;
}

interface GroupValues {
  name: string;
  dispatchOrgId: string;
  leaderUserId: string;
  memberUserIds?: string[];
  contactPointOrgIds?: string[];
  startsOn: Dayjs;
  endsOn: Dayjs;
  plan?: string;
}

/** 组建督导组: name, dispatching org, leader and members, contact points, period and plan. */
export function CreateGroupDialog(props: Done) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<GroupValues, GroupDetail>
      title={t("supervision.create")}
      width={680}
      {...props}
      run={(v) =>
        createGroup({
          name: v.name.trim(),
          dispatchOrgId: v.dispatchOrgId,
          leaderUserId: v.leaderUserId,
          memberUserIds: v.memberUserIds ?? [],
          contactPointOrgIds: v.contactPointOrgIds ?? [],
          startsOn: dateOnly(v.startsOn),
          endsOn: dateOnly(v.endsOn),
          plan: v.plan?.trim() ?? "",
        })
      }
    >
      <Form.Item name="name" label={t("supervision.name")} rules={[required, { max: 100 }]}>
        <Input data-testid="group-name" />
      </Form.Item>
      <Form.Item name="dispatchOrgId" label={t("supervision.dispatchOrg")} rules={[required]}>
        <OrgSelect data-testid="group-dispatch-org" />
      </Form.Item>
      <Form.Item name="leaderUserId" label={t("supervision.leader")} rules={[required]}>
        <PersonSelect data-testid="group-leader" />
      </Form.Item>
      <Form.Item name="memberUserIds" label={t("supervision.members")}>
        <PersonSelect multiple data-testid="group-members" />
      </Form.Item>
      <Form.Item
        name="contactPointOrgIds"
        label={t("supervision.contactPoints")}
        extra={t("supervision.contactPointsHint")}
      >
        <OrgMultiSelect data-testid="group-contact-points" />
      </Form.Item>
      <Form.Item name="startsOn" label={t("supervision.startsOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="group-starts-on" />
      </Form.Item>
      <Form.Item name="endsOn" label={t("supervision.endsOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} data-testid="group-ends-on" />
      </Form.Item>
      <Form.Item name="plan" label={t("supervision.plan")} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

/** 修改督导组: name, period, plan. */
export function EditGroupDialog({ group, ...props }: Done & { group: GroupDetail }) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<Omit<GroupValues, "dispatchOrgId" | "leaderUserId">, GroupDetail>
      title={t("supervision.editGroup")}
      {...props}
      initialValues={{
        name: group.name,
        startsOn: dayjs(group.startsOn),
        endsOn: dayjs(group.endsOn),
        plan: group.plan,
      }}
      run={(v) =>
        updateGroup(group.id, {
          name: v.name.trim(),
          startsOn: dateOnly(v.startsOn),
          endsOn: dateOnly(v.endsOn),
          plan: v.plan ?? "",
        })
      }
    >
      <Form.Item name="name" label={t("supervision.name")} rules={[required, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="startsOn" label={t("supervision.startsOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="endsOn" label={t("supervision.endsOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="plan" label={t("supervision.plan")} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

/** 调整组长和成员. */
export function MembersDialog({ group, ...props }: Done & { group: GroupDetail }) {
  const t = useT();
  const initial = group.members.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
  return (
    <FormModal<{ leaderUserId: string; memberUserIds?: string[] }, GroupDetail>
      title={t("supervision.editMembers")}
      {...props}
      initialValues={{
        leaderUserId: group.leader.id,
        memberUserIds: group.members.filter((m) => !m.isLeader).map((m) => m.id),
      }}
      run={(v) =>
        setGroupMembers(group.id, { leaderUserId: v.leaderUserId, memberUserIds: v.memberUserIds ?? [] })
      }
    >
      <Form.Item
        name="leaderUserId"
        label={t("supervision.leader")}
        rules={[{ required: true, message: t("common.required") }]}
      >
        <PersonSelect initial={initial} />
      </Form.Item>
      <Form.Item name="memberUserIds" label={t("supervision.members")}>
        <PersonSelect multiple initial={initial} />
      </Form.Item>
    </FormModal>
  );
}

/** 调整联系点. */
export function ContactPointsDialog({ group, ...props }: Done & { group: GroupDetail }) {
  const t = useT();
  return (
    <FormModal<{ orgIds?: string[] }, GroupDetail>
      title={t("supervision.editContactPoints")}
      {...props}
      initialValues={{ orgIds: group.contactPoints.map((c) => c.id) }}
      run={(v) => setContactPoints(group.id, v.orgIds ?? [])}
    >
      <Form.Item
        name="orgIds"
        label={t("supervision.contactPoints")}
        extra={t("supervision.contactPointsHint")}
      >
        <OrgMultiSelect initial={group.contactPoints.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
    </FormModal>
  );
}

interface ActivityValues {
  kind: SupervisionActivityKind;
  heldOn: Dayjs;
  place: string;
  placeOrgId?: string;
  participants?: string;
  summary?: string;
  findings?: string;
}

/** 记录督导活动: kind, date, place, participants, what was done and the findings (one a line). */
export function ActivityDialog({ group, ...props }: Done & { group: GroupDetail }) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <FormModal<ActivityValues, GroupDetail>
      title={t("supervision.recordActivity")}
      width={680}
      {...props}
      initialValues={{ kind: "site_visit", heldOn: dayjs() }}
      run={(v) =>
        recordActivity(group.id, {
          kind: v.kind,
          heldOn: dateOnly(v.heldOn),
          place: v.place.trim(),
          placeOrgId: v.placeOrgId,
          participants: lines(v.participants),
          summary: optionalText(v.summary),
          findings: lines(v.findings).map((text) => ({ text, orgId: v.placeOrgId })),
        })
      }
    >
      <Form.Item name="kind" label={t("supervision.kind")} rules={[required]}>
        <Select
          data-testid="activity-kind"
          options={SUPERVISION_ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activityKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="heldOn" label={t("supervision.heldOn")} rules={[required]}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="place" label={t("supervision.place")} rules={[required, { max: 200 }]}>
        <Input data-testid="activity-place" />
      </Form.Item>
      <Form.Item name="placeOrgId" label={t("supervision.placeOrg")}>
        <OrgSelect />
      </Form.Item>
      <Form.Item
        name="participants"
        label={t("supervision.participants")}
        extra={t("supervision.participantsHint")}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="summary" label={t("supervision.summary")} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="findings" label={t("supervision.findings")} extra={t("supervision.findingsHint")}>
        <Input.TextArea rows={4} data-testid="activity-findings" />
      </Form.Item>
    </FormModal>
  );
}

/** 补充问题: one more finding on an activity. */
export function FindingDialog({
  group,
  activityId,
  ...props
}: Done & { group: GroupDetail; activityId: string }) {
  const t = useT();
  return (
    <FormModal<{ text: string; orgId?: string }, GroupDetail>
      title={t("supervision.addFinding")}
      {...props}
      run={(v) => recordFinding(group.id, activityId, { text: v.text.trim(), orgId: v.orgId })}
    >
      <Form.Item
        name="text"
        label={t("supervision.findingText")}
        rules={[{ required: true, message: t("common.required") }, { max: 2000 }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="orgId" label={t("supervision.findingOrg")}>
        <OrgSelect />
      </Form.Item>
    </FormModal>
  );
}
