import { DownloadOutlined, FlagOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { CAMPAIGNS_KEY, listCampaigns } from "../api/campaigns";
import {
  type ListParams,
  listProblems,
  listResponsibilities,
  listTasks,
  type ProblemRow,
  type ProblemSort,
  type ResponsibilityRow,
  type TaskRow,
} from "../api/problems";
import { can } from "../api/session";
import { useCurrentMe } from "../components/RequireAuth";
import { useI18n } from "../i18n/I18nProvider";
import { ColumnChooser, useVisibleColumns } from "./ledger/ColumnChooser";
import { CreateCampaignDrawer } from "./ledger/CreateCampaignDrawer";
import { type LedgerFilter, LedgerFilters } from "./ledger/LedgerFilters";
import { LedgerTable, PAGE_SIZES } from "./ledger/LedgerTable";
import { filterFromSearch, searchFromFilter } from "./ledger/ledgerUrl";
import { responsibilityColumns, taskColumns } from "./ledger/otherColumns";
import { problemColumns } from "./ledger/problemColumns";
import { RegisterProblemDrawer } from "./ledger/RegisterProblemDrawer";

type View = "problems" | "tasks" | "responsibility";
const VIEWS: View[] = ["problems", "tasks", "responsibility"];

/** 问题台账: the ledger with its three views (问题清单 / 任务清单 / 责任清单) over the same filters. */
export function ProblemsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [view, setView] = useState<View>("problems");
  // the filters live in the URL, so any view of the ledger can be bookmarked or linked to
  const [search, setSearch] = useSearchParams();
  const filter = filterFromSearch(search);
  const setFilter = (next: LedgerFilter) => setSearch(searchFromFilter({ ...next }));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [sort, setSort] = useState<ProblemSort | undefined>();
  const [visible, setVisible] = useVisibleColumns();
  const [drawer, setDrawer] = useState<"problem" | "campaign" | null>(null);
  const campaigns = useQuery({ queryKey: CAMPAIGNS_KEY, queryFn: listCampaigns });

  const params: ListParams = {
    ...filter,
    taskStatus: view === "tasks" ? filter.taskStatus : undefined,
    sort,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const paging = {
    params,
    sort,
    page,
    onSort: (next: ProblemSort | undefined) => {
      setSort(next);
      setPage(1);
    },
    onPage: (next: number, size: number) => {
      setPage(size === pageSize ? next : 1);
      setPageSize(size);
    },
  };
  const all = problemColumns(t, lang, params.offset);

  return (
    <div>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("ledger.title")}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/problems/export.xlsx?${searchFromFilter({ ...filter, taskStatus: undefined })}`}
            data-testid="ledger-export"
          >
            {t("ledger.export")}
          </Button>
          {can(me, "campaigns.manage") && (
            <Button
              icon={<FlagOutlined />}
              onClick={() => setDrawer("campaign")}
              data-testid="campaign-create"
            >
              {t("campaign.create")}
            </Button>
          )}
          {can(me, "problems.register") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer("problem")}
              data-testid="problem-register"
            >
              {t("ledger.register")}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        <LedgerFilters
          value={filter}
          campaigns={campaigns.data ?? []}
          showTaskStatus={view === "tasks"}
          onChange={(next) => {
            setFilter(next);
            setPage(1);
          }}
        />
        <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginBottom: 16 }}>
          <Segmented<View>
            value={view}
            onChange={(next) => {
              setView(next);
              setPage(1);
              setSort(undefined);
            }}
            options={VIEWS.map((v) => ({
              value: v,
              label: <span data-testid={`view-${v}`}>{t(`ledger.view.${v}`)}</span>,
            }))}
          />
          <div style={{ flex: 1 }} />
          {view === "problems" && <ColumnChooser value={visible} onChange={setVisible} />}
        </div>
        {view === "problems" && (
          <LedgerTable<ProblemRow>
            view="problems"
            fetch={listProblems}
            columns={visible.map((k) => all[k])}
            rowKey={(r) => r.id}
            rowTestId={(r) => `problem-row-${r.code}`}
            {...paging}
          />
        )}
        {view === "tasks" && (
          <LedgerTable<TaskRow>
            view="tasks"
            fetch={listTasks}
            columns={taskColumns(t, lang)}
            rowKey={(r) => r.id}
            rowTestId={(r) => `task-row-${r.problemCode}-${r.orgName}`}
            {...paging}
          />
        )}
        {view === "responsibility" && (
          <LedgerTable<ResponsibilityRow>
            view="responsibility"
            fetch={listResponsibilities}
            columns={responsibilityColumns(t)}
            rowKey={(r) => `${r.problemId}:${r.orgId}:${r.role}`}
            rowTestId={(r) => `resp-row-${r.problemCode}-${r.orgName}`}
            {...paging}
          />
        )}
      </Card>
      <RegisterProblemDrawer
        open={drawer === "problem"}
        campaigns={campaigns.data ?? []}
        onClose={() => setDrawer(null)}
        onCreated={(p) => {
          setDrawer(null);
          navigate(`/problems/${p.id}`);
        }}
      />
      <CreateCampaignDrawer open={drawer === "campaign"} onClose={() => setDrawer(null)} />
    </div>
  );
}
