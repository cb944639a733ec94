import { ArrowLeftOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { fetchMeeting, MEETINGS_KEY, type MeetingDetail, meetingKey, sessionKey } from "../api/bodies";
import { ApiError } from "../api/client";
import { useT } from "../i18n/I18nProvider";
import { MeetingMembersDialog, SessionDialog } from "./bodies/MeetingDialogs";

type SessionRow = MeetingDetail["sessions"][number];

/** 联席会议详情: convener, member units with liaison officers, sessions. */
export function JointMeetingPage() {
  const { id = "" } = useParams();
  const t = useT();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState<"members" | "session" | null>(null);
  const body = useQuery({ queryKey: meetingKey(id), queryFn: () => fetchMeeting(id) });
  if (body.isLoading) return <Spin />;
  if (body.error || !body.data) {
    const missing = body.error instanceof ApiError && body.error.status === 404;
    return (
      <Result
        status={missing ? "404" : "error"}
        title={missing ? t("bodies.notFound") : t("common.loadFailed")}
      />
    );
  }
  const b = body.data;
  return (
    <div>
      <Link to="/joint-meetings">
        <ArrowLeftOutlined /> {t("meeting.title")}
      </Link>
      <div
        style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", margin: "12px 0 16px" }}
      >
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }} data-testid="meeting-title">
          {b.name}
        </Typography.Title>
        {b.abilities.manage && (
          <Space wrap>
            <Button onClick={() => setOpen("members")}>{t("meeting.editMembers")}</Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpen("session")}
              data-testid="session-create"
            >
              {t("meeting.createSession")}
            </Button>
          </Space>
        )}
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("meeting.leadOrg")}>{b.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("meeting.convener")}>{b.convener.name}</Descriptions.Item>
          <Descriptions.Item label={t("meeting.deputy")}>
            {b.deputy?.name ?? t("bodies.none")}
          </Descriptions.Item>
          <Descriptions.Item label={t("meeting.duties")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{b.duties || t("bodies.none")}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("meeting.members")} style={{ marginBottom: 16 }}>
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={b.members}
          data-testid="meeting-members"
          columns={[
            { title: t("meeting.memberOrg"), dataIndex: "orgName" },
            { title: t("meeting.liaison"), dataIndex: "liaisonName", render: (v: string | null) => v ?? "" },
          ]}
        />
      </Card>
      <Card title={t("meeting.sessions")}>
        <Table<SessionRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={b.sessions}
          data-testid="meeting-sessions"
          columns={[
            {
              title: t("meeting.sessionTitle"),
              dataIndex: "title",
              render: (title: string, s) => <Link to={`/joint-meetings/sessions/${s.id}`}>{title}</Link>,
            },
            {
              title: t("meeting.sessionKind"),
              dataIndex: "kind",
              render: (k: SessionRow["kind"]) => <Tag>{t(`sessionKind.${k}`)}</Tag>,
            },
            { title: t("meeting.heldOn"), dataIndex: "heldOn" },
            { title: t("meeting.place"), dataIndex: "place" },
            {
              title: t("session.docNumber"),
              dataIndex: "minutesDocNumber",
              render: (v: string | null) => v ?? "",
            },
            { title: t("session.decisions"), dataIndex: "decisionCount", align: "right" },
          ]}
        />
      </Card>
      {open === "members" && (
        <MeetingMembersDialog
          body={b}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            client.setQueryData(meetingKey(next.id), next);
            void client.invalidateQueries({ queryKey: MEETINGS_KEY });
          }}
        />
      )}
      {open === "session" && (
        <SessionDialog
          body={b}
          onClose={() => setOpen(null)}
          onDone={(s) => {
            client.setQueryData(sessionKey(s.id), s);
            void client.invalidateQueries({ queryKey: meetingKey(b.id) });
            void client.invalidateQueries({ queryKey: MEETINGS_KEY });
            navigate(`/joint-meetings/sessions/${s.id}`);
          }}
        />
      )}
    </div>
  );
}
