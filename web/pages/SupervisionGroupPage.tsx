import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  convertFinding,
  fetchGroup,
  GROUPS_KEY,
  type GroupDetail,
  groupKey,
  groupReportUrl,
} from "../api/bodies";
import { ApiError } from "../api/client";
import { ProblemStatusTag } from "../components/ProblemTags";
import { useT } from "../i18n/I18nProvider";
import { ConvertToProblemDialog } from "./bodies/ConvertToProblemDialog";
import {
  ActivityDialog,
  ContactPointsDialog,
  EditGroupDialog,
  FindingDialog,
  MembersDialog,
} from "./bodies/GroupDialogs";
import { LightTag } from "./bodies/LightTag";

type Finding = GroupDetail["activities"][number]["findings"][number];
type Open =
  | { kind: "edit" | "members" | "points" | "activity" }
  | { kind: "finding"; activityId: string }
  | { kind: "convert"; finding: Finding };

/** 督导组详情: members, contact points, activities with findings ("转为问题"), the report. */
export function SupervisionGroupPage() {
  const { id = "" } = useParams();
  const t = useT();
  const client = useQueryClient();
  const [open, setOpen] = useState<Open | null>(null);
  const group = useQuery({ queryKey: groupKey(id), queryFn: () => fetchGroup(id) });
  if (group.isLoading) return <Spin />;
  if (group.error || !group.data) {
    const missing = group.error instanceof ApiError && group.error.status === 404;
    return (
      <Result
        status={missing ? "404" : "error"}
        title={missing ? t("bodies.notFound") : t("common.loadFailed")}
      />
    );
  }
  const g = group.data;
  const updated = (next: GroupDetail) => {
    client.setQueryData(groupKey(next.id), next);
    void client.invalidateQueries({ queryKey: GROUPS_KEY });
  };
  const close = () => setOpen(null);
  const common = { onClose: close, onDone: updated };
  return (
    <div>
      <Link to="/supervision-groups">
        <ArrowLeftOutlined /> {t("supervision.title")}
      </Link>
      <div
        style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", margin: "12px 0 16px" }}
      >
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }} data-testid="group-title">
          {g.name}{" "}
          <Tag color={g.active ? "processing" : "default"}>
            {t(g.active ? "bodies.active" : "bodies.inactive")}
          </Tag>
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={groupReportUrl(g.id)} data-testid="group-report">
            {t("supervision.report")}
          </Button>
          {g.abilities.manage && (
            <>
              <Button onClick={() => setOpen({ kind: "edit" })}>{t("supervision.editGroup")}</Button>
              <Button onClick={() => setOpen({ kind: "members" })}>{t("supervision.editMembers")}</Button>
              <Button onClick={() => setOpen({ kind: "points" })}>
                {t("supervision.editContactPoints")}
              </Button>
            </>
          )}
          {g.abilities.record && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpen({ kind: "activity" })}
              data-testid="activity-record"
            >
              {t("supervision.recordActivity")}
            </Button>
          )}
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("supervision.dispatchOrg")}>{g.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("bodies.period")}>
            {g.startsOn} ~ {g.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t("supervision.leader")}>
            {g.leader.name}（{g.leader.orgName}）
          </Descriptions.Item>
          <Descriptions.Item label={t("supervision.members")}>
            <Space size={4} wrap data-testid="group-members">
              {g.members
                .filter((m) => !m.isLeader)
                .map((m) => (
                  <Tag key={m.id}>{m.name}</Tag>
                ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("supervision.contactPoints")}>
            <Space size={4} wrap data-testid="group-contact-points">
              {g.contactPoints.map((c) => (
                <Tag color="blue" key={c.id}>
                  {c.name}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("supervision.findings")}>
            <span data-testid="group-figures">
              {t("supervision.figures", {
                activities: g.figures.activities,
                places: g.figures.places,
                findings: g.figures.findings,
                converted: g.figures.converted,
              })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("supervision.plan")} span={2}>
            <span style={{ whiteSpace: "pre-wrap" }}>{g.plan || t("bodies.none")}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Title level={4}>{t("supervision.activities")}</Typography.Title>
      {g.activities.length === 0 && <Empty description={t("bodies.none")} />}
      {g.activities.map((a) => (
        <Card
          key={a.id}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="activity-card"
          title={
            <Space wrap>
              <Tag color="geekblue">{t(`activityKind.${a.kind}`)}</Tag>
              <span>{a.heldOn}</span>
              <span>
                {a.placeOrgName && a.placeOrgName !== a.place ? `${a.place}（${a.placeOrgName}）` : a.place}
              </span>
            </Space>
          }
          extra={
            g.abilities.record && (
              <Button size="small" onClick={() => setOpen({ kind: "finding", activityId: a.id })}>
                {t("supervision.addFinding")}
              </Button>
            )
          }
        >
          {a.participants.length > 0 && (
            <p>
              {t("supervision.participants")}：{a.participants.join("、")}
            </p>
          )}
          {a.summary && <p style={{ whiteSpace: "pre-wrap" }}>{a.summary}</p>}
          <Table<Finding>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.findings}
            locale={{ emptyText: t("bodies.none") }}
            columns={[
              { title: "#", dataIndex: "seqNo", width: 50 },
              { title: t("supervision.findingText"), dataIndex: "text" },
              {
                title: t("supervision.findingOrg"),
                dataIndex: "orgName",
                render: (v: string | null) => v ?? "",
              },
              {
                title: t("common.status"),
                width: 280,
                render: (_, f) =>
                  f.problem ? (
                    <Space size={4} wrap data-testid="finding-problem">
                      <Link to={`/problems/${f.problem.id}`}>
                        {t("supervision.converted", { code: f.problem.code })}
                      </Link>
                      <ProblemStatusTag status={f.problem.status} />
                      <LightTag light={f.problem.light} />
                    </Space>
                  ) : g.abilities.convert ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setOpen({ kind: "convert", finding: f })}
                      data-testid="finding-convert"
                    >
                      {t("supervision.convert")}
                    </Button>
                  ) : (
                    <Tag>{t("supervision.notConverted")}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      ))}
      {open?.kind === "edit" && <EditGroupDialog group={g} {...common} />}
      {open?.kind === "members" && <MembersDialog group={g} {...common} />}
      {open?.kind === "points" && <ContactPointsDialog group={g} {...common} />}
      {open?.kind === "activity" && <ActivityDialog group={g} {...common} />}
      {open?.kind === "finding" && <FindingDialog group={g} activityId={open.activityId} {...common} />}
      {open?.kind === "convert" && (
        <ConvertToProblemDialog<GroupDetail>
          text={open.finding.text}
          defaultLeadOrg={
            open.finding.orgId ? { value: open.finding.orgId, label: open.finding.orgName ?? "" } : null
          }
          run={(input) => convertFinding(g.id, open.finding.id, input)}
          {...common}
        />
      )}
    </div>
  );
}
