import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, List, Result, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { attachmentUrl } from "../api/attachments";
import { ApiError } from "../api/client";
import { fetchResearch, RESEARCH_KEY, type ResearchDetail, researchKey } from "../api/research";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { ConvertFindingDialog } from "./research/ConvertFindingDialog";
import { ResearchFormDrawer } from "./research/ResearchFormDrawer";

type Finding = ResearchDetail["findings"][number];

/** One research visit: who went where, whom they met, what they found and what became of it. */
export function ResearchDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState<Finding | null>(null);
  const query = useQuery({ queryKey: researchKey(id), queryFn: () => fetchResearch(id) });
  const back = <Link to="/research">← {t("research.back")}</Link>;
  if (query.isPending) return <Spin size="large" style={{ display: "block", margin: "80px auto" }} />;
  if (query.error || !query.data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("research.notFound") : t("common.loadFailed")}
        subTitle={notFound ? undefined : errorMessage(query.error, lang, t)}
        extra={back}
      />
    );
  }
  const v = query.data;
  const refresh = (d: ResearchDetail) => {
    client.setQueryData(researchKey(d.id), d);
    void client.invalidateQueries({ queryKey: RESEARCH_KEY });
  };
  const none = t("research.nobody");
  return (
    <div data-testid="research-detail" data-research-id={v.id}>
      {back}
      <Space orientation="vertical" size={16} style={{ width: "100%", marginTop: 8 }}>
        <Card
          title={<span style={{ whiteSpace: "normal" }}>{v.topic}</span>}
          extra={
            v.abilities.manage && (
              <Button onClick={() => setEditing(true)} data-testid="research-edit">
                {t("research.edit")}
              </Button>
            )
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: "lead",
                label: t("research.lead"),
                children: [v.leadName, v.leadTitle].filter(Boolean).join(" · "),
              },
              { key: "period", label: t("research.period"), children: `${v.startsOn} ~ ${v.endsOn}` },
              { key: "org", label: t("research.org"), children: v.orgName },
              {
                key: "participants",
                label: t("research.participants"),
                children: v.participants.join("、") || none,
              },
              {
                key: "methods",
                label: t("research.methods"),
                children: v.methods.map((m) => <Tag key={m}>{t(`researchMethod.${m}`)}</Tag>),
              },
              {
                key: "households",
                label: t("research.households"),
                children: (
                  <span data-testid="research-household-figures">
                    {t("research.households.count", {
                      visited: v.householdsVisited,
                      consoled: v.householdsConsoled,
                    })}
                  </span>
                ),
              },
              {
                key: "report",
                label: t("research.report"),
                children: v.report ? (
                  <a href={attachmentUrl(v.report.id)} target="_blank" rel="noreferrer">
                    {v.report.originalName}
                  </a>
                ) : (
                  none
                ),
              },
            ]}
          />
          {v.summary && <p style={{ whiteSpace: "pre-wrap", marginTop: 12 }}>{v.summary}</p>}
        </Card>
        <Card title={`${t("research.sites")}（${v.sites.length}）`} data-testid="research-sites-card">
          <Space size={[4, 8]} wrap>
            {v.sites.map((s) => (
              <Tag key={s.id} title={[s.cityName, s.countyName].filter(Boolean).join(" ")}>
                {s.name}
                {s.kind ? ` · ${t(`siteKind.${s.kind}`)}` : ""}
              </Tag>
            ))}
            {v.sites.length === 0 && none}
          </Space>
          {v.households.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 12 }}
              dataSource={v.households}
              renderItem={(h) => (
                <List.Item>
                  <Space wrap>
                    <Tag>{t(`householdKind.${h.kind}`)}</Tag>
                    {h.name}
                    {h.place && <Typography.Text type="secondary">{h.place}</Typography.Text>}
                    {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card title={`${t("research.symposia")}（${v.symposia.length}）`}>
          <List
            size="small"
            dataSource={v.symposia}
            locale={{ emptyText: none }}
            renderItem={(s) => (
              <List.Item>
                <Space wrap>
                  <span>{s.heldOn}</span>
                  <span>{s.place}</span>
                  {s.groups.map((g) => (
                    <Tag key={g}>{g}</Tag>
                  ))}
                  <span>
                    {t("research.participantCount")} {s.participantCount}
                  </span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card
          title={`${t("research.findings")}（${v.findings.length}）`}
          data-testid="research-findings-card"
        >
          <List
            dataSource={v.findings}
            locale={{ emptyText: none }}
            renderItem={(f) => (
              <List.Item
                data-testid="research-finding"
                actions={
                  !f.problem && v.abilities.convert
                    ? [
                        <Button
                          key="convert"
                          size="small"
                          onClick={() => setConverting(f)}
                          data-testid="finding-convert"
                        >
                          {t("research.toProblem")}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                  <span style={{ whiteSpace: "pre-wrap" }}>
                    {f.seqNo}. {f.text}
                    {f.orgName && <Typography.Text type="secondary">（{f.orgName}）</Typography.Text>}
                  </span>
                  {f.problem ? (
                    <Space wrap data-testid="finding-problem">
                      {f.fixedOnTheSpot && <Tag color="green">{t("research.fixedOnSpot")}</Tag>}
                      <Link to={`/problems/${f.problem.id}`}>
                        {f.problem.code} {f.problem.title}
                      </Link>
                      <Tag>{t(`problemStatus.${f.problem.status}`)}</Tag>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t("research.notConverted")}</Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card title={t("research.suggestions")}>
          <List
            size="small"
            dataSource={v.suggestions}
            locale={{ emptyText: none }}
            renderItem={(s) => (
              <List.Item>
                {s.seqNo}. {s.text}
              </List.Item>
            )}
          />
        </Card>
        <Card title={t("research.outcomes")} data-testid="research-outcomes">
          <List
            size="small"
            dataSource={v.outcomes}
            locale={{ emptyText: none }}
            renderItem={(o) => (
              <List.Item>
                <Space wrap>
                  <Tag color="blue">{t(`outcomeKind.${o.kind}`)}</Tag>
                  <span>{o.text}</span>
                  {o.docNumber && <Typography.Text type="secondary">{o.docNumber}</Typography.Text>}
                  {o.record?.problemId && (
                    <Link to={`/problems/${o.record.problemId}`}>{o.record.label}</Link>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
      {editing && <ResearchFormDrawer visit={v} onClose={() => setEditing(false)} onDone={refresh} />}
      {converting && (
        <ConvertFindingDialog finding={converting} onClose={() => setConverting(null)} onDone={refresh} />
      )}
    </div>
  );
}
