import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { listResearch, RESEARCH_KEY, type ResearchRow, researchKey } from "../api/research";
import { can } from "../api/session";
import { useCurrentMe } from "../components/RequireAuth";
import { useT } from "../i18n/I18nProvider";
import { ResearchFormDrawer } from "./research/ResearchFormDrawer";

/** 调研: the research visits the user may see, and a button to record one. */
export function ResearchPage() {
  const t = useT();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const rows = useQuery({ queryKey: RESEARCH_KEY, queryFn: listResearch });
  return (
    <div>
      <div style={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("research.title")}
        </Typography.Title>
        <Link to="/research/statistics">{t("menu.researchStats")}</Link>
        {can(me, "research.manage") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="research-create"
          >
            {t("research.create")}
          </Button>
        )}
      </div>
      <Card>
        <Table<ResearchRow>
          rowKey="id"
          loading={rows.isLoading}
          dataSource={rows.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("research.empty") }}
          data-testid="research-table"
          columns={[
            {
              title: t("research.topic"),
              dataIndex: "topic",
              render: (topic: string, r) => <Link to={`/research/${r.id}`}>{topic}</Link>,
            },
            {
              title: t("research.lead"),
              render: (_, r) => [r.leadName, r.leadTitle].filter(Boolean).join(" · "),
            },
            { title: t("research.period"), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
            { title: t("research.org"), dataIndex: "orgName" },
            { title: t("research.siteCount"), dataIndex: "siteCount", align: "right" },
            { title: t("research.householdsConsoled"), dataIndex: "householdsConsoled", align: "right" },
            { title: t("research.symposiumCount"), dataIndex: "symposiumCount", align: "right" },
            { title: t("research.findingCount"), dataIndex: "findingCount", align: "right" },
            { title: t("research.problemCount"), dataIndex: "problemCount", align: "right" },
          ]}
        />
      </Card>
      {creating && (
        <ResearchFormDrawer
          onClose={() => setCreating(false)}
          onDone={(d) => {
            client.setQueryData(researchKey(d.id), d);
            void client.invalidateQueries({ queryKey: RESEARCH_KEY });
            navigate(`/research/${d.id}`);
          }}
        />
      )}
    </div>
  );
}
