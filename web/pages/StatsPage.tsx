import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { CAMPAIGNS_KEY, listCampaigns } from "../api/campaigns";
import {
  type Figure,
  fetchOverview,
  fetchRegions,
  fetchTrend,
  type StatsParams,
  type StatsRegions,
} from "../api/stats";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { ledgerLink } from "./ledger/ledgerUrl";
import { type ChartClick, type ChartOption, EChart } from "./stats/EChart";
import { CITY_MAP, COUNTY_MAP, loadGuangxiMaps } from "./stats/guangxiMap";

type Tx = ReturnType<typeof useI18n>["tx"];
const label = (tx: Tx, prefix: string, f: Figure) => f.label ?? tx(`${prefix}.${f.key}`, f.key);

/** A bar chart of figures; a click opens the ledger of the bar's rows. */
const barOption = (names: string[], figures: Figure[], horizontal = false): ChartOption => ({
  tooltip: { trigger: "item" },
  grid: { left: horizontal ? 110 : 40, right: 16, top: 16, bottom: horizontal ? 24 : 64 },
  [horizontal ? "yAxis" : "xAxis"]: {
    type: "category",
    data: names,
    axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 },
  },
  [horizontal ? "xAxis" : "yAxis"]: { type: "value", minInterval: 1 },
  series: [{ type: "bar", data: figures.map((f) => f.count), itemStyle: { color: "#1677ff" } }],
});

const pieOption = (names: string[], figures: Figure[], colors?: string[]): ChartOption => ({
  tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
  legend: { bottom: 0 },
  ...(colors && { color: colors }),
  series: [
    {
      type: "pie",
      radius: ["35%", "65%"],
      data: figures.map((f, i) => ({ name: names[i], value: f.count })),
    },
  ],
});

/** 统计分析: figures, charts and the map of the ledger in the user's scope; every number opens its rows. */
export function StatsPage() {
  const { t, tx, lang } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params: StatsParams = {
    campaignId: search.get("campaignId") ?? undefined,
    orgId: search.get("orgId") ?? undefined,
    from: search.get("from") ?? undefined,
    to: search.get("to") ?? undefined,
    unit: search.get("unit") === "month" ? "month" : "week",
  };
  const mapLevel = search.get("map") === "county" ? "county" : "city";
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next);
  };
  const open = (f: Figure | undefined) => f && navigate(ledgerLink(f.filter));
  const onBar = (figures: Figure[]) => (e: ChartClick) => open(figures[e.dataIndex]);

  const campaigns = useQuery({ queryKey: CAMPAIGNS_KEY, queryFn: listCampaigns });
  const overview = useQuery({
    queryKey: ["stats", "overview", params],
    queryFn: () => fetchOverview(params),
  });
  const trend = useQuery({ queryKey: ["stats", "trend", params], queryFn: () => fetchTrend(params) });
  const regions = useQuery({ queryKey: ["stats", "regions", params], queryFn: () => fetchRegions(params) });
  const org = regions.data?.org;
  // the map shows the whole region: from the region itself, or from one of its cities
  const mapOrgId = org?.level === "province" ? org.id : org?.level === "city" ? regions.data?.parentId : null;
  const mapRegions = useQuery({
    queryKey: ["stats", "map", params, mapOrgId, mapLevel],
    queryFn: () =>
      fetchRegions({ ...params, orgId: mapOrgId ?? undefined, depth: mapLevel === "county" ? 2 : 1 }),
    enabled: !!mapOrgId,
  });
  const [mapsReady, setMapsReady] = useState(false);
  useEffect(() => {
    void loadGuangxiMaps().then(() => setMapsReady(true));
  }, []);

  const o = overview.data;
  const error = overview.error ?? trend.error ?? regions.error;
  const closed = o?.byStatus.find((f) => f.key === "closed");

  const trendOption = useMemo<ChartOption | null>(() => {
    const d = trend.data;
    if (!d) return null;
    const series = (["registered", "closed", "returned"] as const).map((k) => ({
      name: t(`stats.${k}`),
      type: "line",
      smooth: true,
      data: d.buckets.map((b) => b[k].count),
    }));
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: {
        type: "category",
        data: d.buckets.map((b) => (d.unit === "month" ? b.from.slice(0, 7) : b.from.slice(5))),
      },
      yAxis: { type: "value", minInterval: 1 },
      series,
    };
  }, [trend.data, t]);

  const mapRows = useMemo(
    () => (mapRegions.data?.rows ?? []).filter((r) => r.kind === "region"),
    [mapRegions.data],
  );
  const mapOption = useMemo<ChartOption | null>(() => {
    if (!mapsReady || !mapRows.length) return null;
    return {
      tooltip: {
        trigger: "item",
        formatter: (p: { data?: { label: string; value: number } }) =>
          p.data ? `${p.data.label}: ${p.data.value}` : "",
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...mapRows.map((r) => r.total.count)),
        left: 8,
        bottom: 8,
        calculable: true,
        inRange: { color: ["#e6f4ff", "#1677ff", "#002c8c"] },
      },
      series: [
        {
          type: "map",
          map: mapLevel === "county" ? COUNTY_MAP : CITY_MAP,
          nameProperty: "code",
          roam: true,
          data: mapRows.map((r) => ({ name: r.code, label: r.name, value: r.total.count })),
        },
      ],
    };
  }, [mapsReady, mapRows, mapLevel]);

  return (
    <div>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("stats.title")}
        </Typography.Title>
        <Space wrap>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t("stats.campaign")}
            value={params.campaignId}
            onChange={(v) => set({ campaignId: v })}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="stats-campaign"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t("stats.from"), t("stats.to")]}
            value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
            onChange={(v) => set({ from: v?.[0]?.format("YYYY-MM-DD"), to: v?.[1]?.format("YYYY-MM-DD") })}
          />
        </Space>
      </div>
      {error && (
        <Alert type="error" showIcon message={errorMessage(error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Typography.Paragraph type="secondary">
        {t("stats.clickHint")}
        {o && ` · ${t("stats.asOf", { date: o.asOf })}`}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {(
          [
            ["stats.total", o?.total, "stat-total"],
            ["stats.closedCount", closed, "stat-closed"],
            ["stats.overdue", o?.overdue, "stat-overdue"],
          ] as const
        ).map(([key, f, id]) => (
          <Col xs={24} sm={8} key={key}>
            <Card hoverable onClick={() => open(f)} data-testid={id}>
              <Statistic title={t(key)} value={f?.count ?? "-"} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card title={t("stats.byStatus")}>
            {o && (
              <EChart
                testId="chart-status"
                option={barOption(
                  o.byStatus.map((f) => label(tx, "problemStatus", f)),
                  o.byStatus,
                )}
                onClick={onBar(o.byStatus)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("stats.byLight")}>
            {o && (
              <EChart
                option={pieOption(
                  o.byLight.map((f) => label(tx, "light", f)),
                  o.byLight,
                  ["#52c41a", "#fadb14", "#fa8c16", "#f5222d"],
                )}
                onClick={onBar(o.byLight)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t("stats.trend")}
            extra={
              <Segmented
                size="small"
                value={params.unit}
                onChange={(v) => set({ unit: v === "month" ? "month" : undefined })}
                options={[
                  { value: "week", label: t("stats.week") },
                  { value: "month", label: t("stats.month") },
                ]}
              />
            }
          >
            {trendOption && trend.data && (
              <EChart
                option={trendOption}
                onClick={(e) => {
                  const b = trend.data.buckets[e.dataIndex];
                  open(b && [b.registered, b.closed, b.returned][e.seriesIndex ?? 0]);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("stats.bySourceType")}>
            {o && (
              <EChart
                option={barOption(
                  o.bySourceType.map((f) => label(tx, "sourceType", f)),
                  o.bySourceType,
                  true,
                )}
                onClick={onBar(o.bySourceType)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={t("stats.byRectifyType")}>
            {o && (
              <EChart
                option={pieOption(
                  o.byRectifyType.map((f) => label(tx, "rectifyType", f)),
                  o.byRectifyType,
                )}
                onClick={onBar(o.byRectifyType)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={t("stats.byClosureKind")}>
            {o && (
              <EChart
                option={pieOption(
                  o.byClosureKind.map((f) => label(tx, "closureKind", f)),
                  o.byClosureKind,
                )}
                onClick={onBar(o.byClosureKind)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={t("stats.escalation")}>
            {o?.escalation.map((f) => (
              <div key={f.key} style={{ display: "flex", justifyContent: "space-between", padding: "6px 0" }}>
                <span>{tx(`escalation.${f.key}`, f.key)}</span>
                <Typography.Link onClick={() => open(f)} data-testid={`stat-escalation-${f.key}`}>
                  {f.count}
                </Typography.Link>
              </div>
            ))}
          </Card>
        </Col>
        {o && o.byCategory.length > 0 && (
          <Col xs={24}>
            <Card title={t("stats.byCategory")}>
              <EChart
                option={barOption(
                  o.byCategory.map((f) => f.label ?? f.key),
                  o.byCategory,
                  true,
                )}
                onClick={onBar(o.byCategory)}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card
            title={t("stats.map")}
            extra={
              <Segmented
                size="small"
                value={mapLevel}
                onChange={(v) => set({ map: v === "county" ? "county" : undefined })}
                options={[
                  { value: "city", label: t("stats.mapCity") },
                  { value: "county", label: t("stats.mapCounty") },
                ]}
              />
            }
          >
            {mapOrgId ? (
              mapOption && (
                <EChart
                  testId="chart-map"
                  style={{ height: 420 }}
                  option={mapOption}
                  onClick={(e) => open(mapRows.find((r) => r.code === e.name)?.total)}
                />
              )
            ) : (
              <Typography.Text type="secondary">{t("stats.noMap")}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("stats.mapSource")}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {regions.data && (
            <RegionsCard data={regions.data} onOpen={open} onDrill={(orgId) => set({ orgId })} />
          )}
        </Col>
      </Row>
    </div>
  );
}

/** The orgs one level down (regions, then departments), their figures, drill-down and a bar chart. */
function RegionsCard({
  data,
  onOpen,
  onDrill,
}: {
  data: StatsRegions;
  onOpen: (f: Figure) => void;
  onDrill: (orgId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const regions = data.rows.filter((r) => r.kind === "region");
  const rows = [...regions, ...data.rows.filter((r) => r.kind !== "region")];
  const num = (f: Figure, id: string) => (
    <Typography.Link onClick={() => onOpen(f)} data-testid={id}>
      {f.count}
    </Typography.Link>
  );
  return (
    <Card
      title={`${data.org.name} · ${t("stats.regions")} / ${t("stats.departments")}`}
      extra={
        data.parentId && (
          <Button size="small" onClick={() => onDrill(data.parentId ?? undefined)} data-testid="stats-up">
            {t("stats.up")}
          </Button>
        )
      }
    >
      {regions.length > 0 && (
        <EChart
          testId="chart-regions"
          option={barOption(
            regions.map((r) => r.name),
            regions.map((r) => r.total),
          )}
          onClick={(e) => onOpen(regions[e.dataIndex].total)}
        />
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        columns={[
          {
            title: t("stats.org"),
            key: "name",
            render: (_: unknown, r: (typeof rows)[number]) =>
              r.hasChildren ? (
                <Typography.Link onClick={() => onDrill(r.id)} data-testid={`stats-drill-${r.code ?? r.id}`}>
                  {r.name}
                </Typography.Link>
              ) : (
                r.name
              ),
          },
          {
            title: t("stats.total"),
            key: "total",
            render: (_: unknown, r: (typeof rows)[number]) => num(r.total, `region-total-${r.code ?? r.id}`),
          },
          {
            title: t("stats.closedCount"),
            key: "closed",
            render: (_: unknown, r: (typeof rows)[number]) =>
              num(r.closed, `region-closed-${r.code ?? r.id}`),
          },
          {
            title: t("stats.overdue"),
            key: "overdue",
            render: (_: unknown, r: (typeof rows)[number]) =>
              num(r.overdue, `region-overdue-${r.code ?? r.id}`),
          },
        ]}
      />
    </Card>
  );
}
