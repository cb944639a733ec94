import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { listMeetings, MEETINGS_KEY, type MeetingRow, meetingKey } from "../api/bodies";
import { can } from "../api/session";
import { useCurrentMe } from "../components/RequireAuth";
import { useT } from "../i18n/I18nProvider";
import { CreateMeetingDialog } from "./bodies/MeetingDialogs";

/** 联席会议: the bodies the user belongs to or oversees. */
export function JointMeetingsPage() {
  const t = useT();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const bodies = useQuery({ queryKey: MEETINGS_KEY, queryFn: listMeetings });
  return (
    <div>
      <div style={{ display: "flex", alignItems: "center", marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("meeting.title")}
        </Typography.Title>
        {can(me, "meetings.manage") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="meeting-create"
          >
            {t("meeting.create")}
          </Button>
        )}
      </div>
      <Card>
        <Table<MeetingRow>
          rowKey="id"
          loading={bodies.isLoading}
          dataSource={bodies.data ?? []}
          pagination={false}
          locale={{ emptyText: t("meeting.empty") }}
          data-testid="meeting-table"
          columns={[
            {
              title: t("meeting.name"),
              dataIndex: "name",
              render: (name: string, b) => <Link to={`/joint-meetings/${b.id}`}>{name}</Link>,
            },
            { title: t("meeting.leadOrg"), dataIndex: "orgName" },
            { title: t("meeting.convener"), dataIndex: "convenerName" },
            { title: t("meeting.members"), dataIndex: "memberCount", align: "right" },
            { title: t("meeting.sessionCount"), dataIndex: "sessionCount", align: "right" },
            {
              title: t("meeting.lastSession"),
              dataIndex: "lastSessionOn",
              render: (d: string | null) => d ?? "",
            },
          ]}
        />
      </Card>
      {creating && (
        <CreateMeetingDialog
          onClose={() => setCreating(false)}
          onDone={(b) => {
            client.setQueryData(meetingKey(b.id), b);
            void client.invalidateQueries({ queryKey: MEETINGS_KEY });
            navigate(`/joint-meetings/${b.id}`);
          }}
        />
      )}
    </div>
  );
}
