import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { GROUPS_KEY, type GroupRow, groupKey, listGroups } from "../api/bodies";
import { can } from "../api/session";
import { useCurrentMe } from "../components/RequireAuth";
import { useT } from "../i18n/I18nProvider";
import { CreateGroupDialog } from "./bodies/GroupDialogs";

/** 督导组: the groups the user may see, and a button to set one up. */
export function SupervisionGroupsPage() {
  const t = useT();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const groups = useQuery({ queryKey: GROUPS_KEY, queryFn: listGroups });
  return (
    <div>
      <div style={{ display: "flex", alignItems: "center", marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("supervision.title")}
        </Typography.Title>
        {can(me, "groups.manage") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="group-create"
          >
            {t("supervision.create")}
          </Button>
        )}
      </div>
      <Card>
        <Table<GroupRow>
          rowKey="id"
          loading={groups.isLoading}
          dataSource={groups.data ?? []}
          pagination={false}
          locale={{ emptyText: t("supervision.empty") }}
          data-testid="group-table"
          columns={[
            {
              title: t("supervision.name"),
              dataIndex: "name",
              render: (name: string, g) => <Link to={`/supervision-groups/${g.id}`}>{name}</Link>,
            },
            { title: t("supervision.dispatchOrg"), dataIndex: "orgName" },
            { title: t("supervision.leader"), dataIndex: "leaderName" },
            {
              title: t("supervision.contactPoints"),
              dataIndex: "contactPoints",
              render: (cps: GroupRow["contactPoints"]) => (
                <Space size={4} wrap>
                  {cps.map((c) => (
                    <Tag key={c.id}>{c.name}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t("bodies.period"),
              render: (_, g) => (
                <Space size={4} wrap>
                  <span>
                    {g.startsOn} ~ {g.endsOn}
                  </span>
                  <Tag color={g.active ? "processing" : "default"}>
                    {t(g.active ? "bodies.active" : "bodies.inactive")}
                  </Tag>
                </Space>
              ),
            },
            { title: t("supervision.activityCount"), dataIndex: "activityCount", align: "right" },
            { title: t("supervision.findingCount"), dataIndex: "findingCount", align: "right" },
          ]}
        />
      </Card>
      {creating && (
        <CreateGroupDialog
          onClose={() => setCreating(false)}
          onDone={(g) => {
            client.setQueryData(groupKey(g.id), g);
            void client.invalidateQueries({ queryKey: GROUPS_KEY });
            navigate(`/supervision-groups/${g.id}`);
          }}
        />
      )}
    </div>
  );
}
