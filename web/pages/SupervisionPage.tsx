import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { can } from "../api/session";
import {
  type BoardView,
  circularDocxUrl,
  fetchBoard,
  listCirculars,
  listListings,
  listNotices,
  listProposals,
  type NoticeView,
  type ProposalView,
} from "../api/supervision";
import { useCurrentMe } from "../components/RequireAuth";
import { errorMessage, formatDate, formatDateTime } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { NoticeLine } from "./problem/SupervisionCard";
import {
  CircularDialog,
  CloseNoticeDialog,
  DecideDialog,
  RespondDialog,
} from "./supervision/SupervisionDialogs";

const LIGHT_COLOR = { red: "#cf1322", orange: "#fa8c16", yellow: "#d4b106", green: "#389e0d" } as const;
type Item = BoardView["items"]["red"][number];

function Loading({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  return error ? <Alert type="error" showIcon title={errorMessage(error, lang, t)} /> : <Spin />;
}

/** 预警看板: counts by light, the ladder's totals, and the red, orange and yellow items. */
function BoardTab() {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ["supervision", "board"], queryFn: fetchBoard });
  if (!q.data) return <Loading error={q.error} />;
  const b = q.data;
  const columns = [
    {
      title: t("sv.col.code"),
      dataIndex: "code",
      render: (code: string, r: Item) => <Link to={`/problems/${r.id}`}>{code}</Link>,
    },
    { title: t("sv.col.title"), dataIndex: "title" },
    { title: t("sv.col.leadOrg"), dataIndex: "leadOrgName" },
    { title: t("sv.col.deadline"), dataIndex: "deadline", render: (d: string | null) => formatDate(d) },
    {
      title: t("sv.col.progress"),
      key: "p",
      render: (_: unknown, r: Item) => `${r.progress}% / ${r.plannedProgress}%`,
    },
    {
      title: t("sv.col.reasons"),
      key: "reasons",
      render: (_: unknown, r: Item) => r.reasons.map((x) => (lang === "en" ? x.en : x.zh)).join("；"),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="supervision-board">
      <Row gutter={[16, 16]}>
        {(["red", "orange", "yellow", "green"] as const).map((l) => (
          <Col key={l} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t(`sv.light.${l}`)}
                value={b.counts[l]}
                styles={{ content: { color: LIGHT_COLOR[l] } }}
                data-testid={`board-count-${l}`}
              />
            </Card>
          </Col>
        ))}
        {(["openNotices", "overdueNotices", "listed", "pendingProposals"] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`sv.board.${k}`)} value={b[k]} />
            </Card>
          </Col>
        ))}
      </Row>
      {(["red", "orange", "yellow"] as const).map((l) => (
        <Card
          key={l}
          size="small"
          title={
            <span style={{ color: LIGHT_COLOR[l] }}>
              {t("sv.board.items", { light: t(`sv.light.${l}`) })}
            </span>
          }
        >
          <Table<Item>
            size="small"
            rowKey="id"
            dataSource={b.items[l]}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t("sv.empty") }}
            data-testid={`board-${l}`}
          />
        </Card>
      ))}
    </Space>
  );
}

type NoticeDialog = { kind: "respond" | "close"; notice: NoticeView } | null;

/** A list of notices with their actions; `mine` shows the open ones addressed to the caller's units. */
function NoticesTab({ mine }: { mine: boolean }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<NoticeDialog>(null);
  const q = useQuery({
    queryKey: ["supervision", "notices", mine],
    queryFn: () => listNotices({ mine: mine ? "1" : undefined, limit: 200 }),
  });
  if (!q.data) return <Loading error={q.error} />;
  return (
    <>
      <List
        dataSource={q.data.data}
        locale={{ emptyText: <Empty description={t("sv.empty")} /> }}
        data-testid={mine ? "my-notices" : "all-notices"}
        renderItem={(n) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: "100%" }}>
              <Link to={`/problems/${n.problemId}`}>
                {n.problemCode} {n.problemTitle}
              </Link>
              <NoticeLine n={n} onAct={(kind) => setDialog({ kind, notice: n })} />
            </Space>
          </List.Item>
        )}
      />
      {dialog?.kind === "respond" && <RespondDialog notice={dialog.notice} onClose={() => setDialog(null)} />}
      {dialog?.kind === "close" && (
        <CloseNoticeDialog notice={dialog.notice} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

/** 待决定的升级督办建议: accept or dismiss what the rules proposed. */
function ProposalsTab() {
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<{ proposal: ProposalView; accept: boolean } | null>(null);
  const q = useQuery({ queryKey: ["supervision", "proposals"], queryFn: () => listProposals("pending") });
  if (!q.data) return <Loading error={q.error} />;
  return (
    <>
      <List
        dataSource={q.data.data}
        locale={{ emptyText: <Empty description={t("sv.empty")} /> }}
        data-testid="proposals"
        renderItem={(p) => (
          <List.Item
            actions={
              p.abilities.decide
                ? [
                    <Button
                      key="a"
                      type="primary"
                      size="small"
                      onClick={() => setDialog({ proposal: p, accept: true })}
                    >
                      {t("sv.action.accept")}
                    </Button>,
                    <Button key="d" size="small" onClick={() => setDialog({ proposal: p, accept: false })}>
                      {t("sv.action.dismiss")}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color="red">{t(`sv.proposalKind.${p.kind}`)}</Tag>
                  <Link to={`/problems/${p.problemId}`}>
                    {p.problemCode} {p.problemTitle}
                  </Link>
                </Space>
              }
              description={`${p.reason} · ${formatDateTime(p.createdAt, lang)}`}
            />
          </List.Item>
        )}
      />
      {dialog && <DecideDialog {...dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function ListingsTab() {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ["supervision", "listings"], queryFn: listListings });
  if (!q.data) return <Loading error={q.error} />;
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={q.data.data}
      pagination={false}
      locale={{ emptyText: t("sv.empty") }}
      columns={[
        {
          title: t("sv.col.code"),
          dataIndex: "problemCode",
          render: (code: string, r) => <Link to={`/problems/${r.problemId}`}>{code}</Link>,
        },
        { title: t("sv.col.title"), dataIndex: "problemTitle" },
        { title: t("sv.col.leadOrg"), dataIndex: "leadOrgName" },
        { title: t("sv.col.reason"), dataIndex: "reason" },
        {
          title: t("sv.col.status"),
          dataIndex: "status",
          render: (s: "listed") => t(`sv.listingStatus.${s}`),
        },
        {
          title: t("sv.col.listedAt"),
          dataIndex: "listedAt",
          render: (d: string) => formatDateTime(d, lang),
        },
      ]}
    />
  );
}

function CircularsTab({ items }: { items: Item[] }) {
  const { t, lang } = useI18n();
  const me = useCurrentMe();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ["supervision", "circulars"], queryFn: listCirculars });
  const mayIssue = me.roles.some((r) => r.role === "supervisor" || r.role === "coordinator");
  if (!q.data) return <Loading error={q.error} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {mayIssue && (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="new-circular">
          {t("sv.action.newCircular")}
        </Button>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data.data}
        pagination={false}
        locale={{ emptyText: t("sv.empty") }}
        columns={[
          { title: t("sv.col.docNumber"), dataIndex: "docNumber" },
          { title: t("sv.col.title"), dataIndex: "title" },
          {
            title: t("sv.col.tone"),
            dataIndex: "tone",
            render: (x: "positive" | "critical") => (
              <Tag color={x === "positive" ? "green" : "red"}>{t(`sv.tone.${x}`)}</Tag>
            ),
          },
          { title: t("sv.col.issuer"), dataIndex: "issuerOrgName" },
          {
            title: t("sv.col.createdAt"),
            dataIndex: "createdAt",
            render: (d: string) => formatDateTime(d, lang),
          },
          {
            title: t("common.actions"),
            key: "dl",
            render: (_: unknown, c) => <a href={circularDocxUrl(c.id)}>{t("sv.action.download")}</a>,
          },
        ]}
      />
      {open && <CircularDialog items={items} onClose={() => setOpen(false)} />}
    </Space>
  );
}

/** 督办中心: the board by light, notices to answer, escalations to decide, notices issued, listed items, circulars. */
export function SupervisionPage() {
  const { t } = useI18n();
  const me = useCurrentMe();
  const board = useQuery({
    queryKey: ["supervision", "board"],
    queryFn: fetchBoard,
    enabled: can(me, "supervision.read"),
  });
  const roles = new Set(me.roles.map((r) => r.role));
  const isUnit = roles.has("unit_lead") || roles.has("unit_staff");
  const items = board.data
    ? [...board.data.items.red, ...board.data.items.orange, ...board.data.items.yellow]
    : [];
  const label = (key: "board" | "mine" | "proposals" | "notices" | "listings" | "circulars") => (
    <span data-testid={`sv-tab-${key}`}>{t(`sv.tab.${key}`)}</span>
  );
  const tabs = [
    { key: "board", label: label("board"), children: <BoardTab /> },
    ...(isUnit ? [{ key: "mine", label: label("mine"), children: <NoticesTab mine /> }] : []),
    ...(roles.has("coordinator")
      ? [{ key: "proposals", label: label("proposals"), children: <ProposalsTab /> }]
      : []),
    { key: "notices", label: label("notices"), children: <NoticesTab mine={false} /> },
    { key: "listings", label: label("listings"), children: <ListingsTab /> },
    { key: "circulars", label: label("circulars"), children: <CircularsTab items={items} /> },
  ];
  return (
    <div data-testid="supervision-page">
      <Typography.Title level={3}>{t("sv.title")}</Typography.Title>
      <Tabs
        items={tabs}
        defaultActiveKey={isUnit && !roles.has("supervisor") ? "mine" : "board"}
        destroyOnHidden
      />
    </div>
  );
}
