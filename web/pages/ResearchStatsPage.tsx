import { useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, Descriptions, Row, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { SITE_KINDS } from "../../contract/enums";
import { fetchResearchStats, type ResearchStats, statsKey } from "../api/research";
import { useT } from "../i18n/I18nProvider";

type Figures = ResearchStats["totals"];

/** 调研统计: figures computed from the research register, by period and leading official. */
export function ResearchStatsPage() {
  const t = useT();
  const year = dayjs().year();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [lead, setLead] = useState<string | undefined>();
  const period = { from, to };
  const all = useQuery({ queryKey: statsKey(period), queryFn: () => fetchResearchStats(period) });
  const officials = all.data?.byOfficial ?? [];
  const chosen = officials.find((o) => (o.leadUserId ?? `name:${o.leadName}`) === lead);
  const f: Figures | undefined = lead ? chosen?.figures : all.data?.totals;
  const stat = (key: string, value: number | undefined, testId: string) => (
    <Col xs={12} sm={8} md={6} lg={4}>
      <Card size="small">
        <Statistic
          title={t(key as never)}
          value={value ?? 0}
          valueRender={(n) => <span data-testid={testId}>{n}</span>}
        />
      </Card>
    </Col>
  );
  return (
    <div>
      <div style={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t("research.stats.title")}
        </Typography.Title>
        <Link to="/research">{t("menu.research")}</Link>
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          value={dayjs(from)}
          allowClear={false}
          onChange={(d) => d && setFrom(d.format("YYYY-MM-DD"))}
          placeholder={t("research.stats.from")}
          data-testid="stats-from"
        />
        <DatePicker
          value={dayjs(to)}
          allowClear={false}
          onChange={(d) => d && setTo(d.format("YYYY-MM-DD"))}
          placeholder={t("research.stats.to")}
          data-testid="stats-to"
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t("research.stats.allOfficials")}
          value={lead}
          onChange={setLead}
          data-testid="stats-official"
          options={officials.map((o) => ({
            value: o.leadUserId ?? `name:${o.leadName}`,
            label: [o.leadName, o.leadTitle].filter(Boolean).join(" · "),
          }))}
        />
      </Space>
      {f && (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ margin: 0, fontSize: 16 }} data-testid="stats-sentence">
            {t("research.stats.sentence", {
              cities: f.cities,
              counties: f.counties,
              sites: f.sites,
              households: f.householdsConsoled,
              symposia: f.symposia,
            })}
          </Typography.Paragraph>
        </Card>
      )}
      <Row gutter={[12, 12]}>
        {stat("research.stats.visits", f?.visits, "stat-visits")}
        {stat("research.stats.cities", f?.cities, "stat-cities")}
        {stat("research.stats.counties", f?.counties, "stat-counties")}
        {stat("research.stats.sites", f?.sites, "stat-sites")}
        {stat("research.stats.householdsConsoled", f?.householdsConsoled, "stat-households")}
        {stat("research.stats.householdsVisited", f?.householdsVisited, "stat-households-visited")}
        {stat("research.stats.symposia", f?.symposia, "stat-symposia")}
        {stat("research.stats.findings", f?.findings, "stat-findings")}
        {stat("research.stats.fixedOnSpot", f?.fixedOnTheSpot, "stat-fixed")}
        {stat("research.stats.problems", f?.problems, "stat-problems")}
        {stat("research.stats.rectified", f?.problemsRectified, "stat-rectified")}
      </Row>
      {f && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={12}>
            <Card title={t("research.stats.sitesByKind")} size="small">
              <Descriptions
                size="small"
                column={2}
                items={SITE_KINDS.map((k) => ({
                  key: k,
                  label: t(`siteKind.${k}`),
                  children: <span data-testid={`stat-kind-${k}`}>{f.sitesByKind[k] ?? 0}</span>,
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t("research.stats.problemsByStatus")} size="small">
              <Descriptions
                size="small"
                column={1}
                items={Object.entries(f.problemsByStatus).map(([s, n]) => ({
                  key: s,
                  label: t(`problemStatus.${s}` as never),
                  children: n,
                }))}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={t("research.stats.byOfficial")} size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey={(o) => o.leadUserId ?? `name:${o.leadName}`}
          size="small"
          loading={all.isLoading}
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={officials}
          columns={[
            {
              title: t("research.lead"),
              render: (_, o) => [o.leadName, o.leadTitle].filter(Boolean).join(" · "),
            },
            { title: t("research.stats.visits"), render: (_, o) => o.figures.visits, align: "right" },
            { title: t("research.stats.cities"), render: (_, o) => o.figures.cities, align: "right" },
            { title: t("research.stats.counties"), render: (_, o) => o.figures.counties, align: "right" },
            { title: t("research.stats.sites"), render: (_, o) => o.figures.sites, align: "right" },
            {
              title: t("research.stats.householdsConsoled"),
              render: (_, o) => o.figures.householdsConsoled,
              align: "right",
            },
            { title: t("research.stats.symposia"), render: (_, o) => o.figures.symposia, align: "right" },
            { title: t("research.stats.problems"), render: (_, o) => o.figures.problems, align: "right" },
          ]}
        />
      </Card>
    </div>
  );
}
