import { Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import { Link } from "react-router";
import type { ResponsibilityRow, TaskRow } from "../../api/problems";
import { LightTag } from "../../components/LightTag";
import { ProblemStatusTag, ProgressBar, TaskStatusTag } from "../../components/ProblemTags";
import { formatDateTime } from "../../i18n/format";
import type { MessageKey } from "../../i18n/zh-CN";
import { DeadlineText } from "../problem/TaskTree";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const problemLink = (id: string, code: string) => <Link to={`/problems/${id}`}>{code}</Link>;
const clipped = (text: string) => (
  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, maxWidth: 200 }}>
    {text}
  </Typography.Paragraph>
);

/** 任务清单: one row per task, linked to its problem. */
export function taskColumns(t: T, lang: string): ColumnType<TaskRow>[] {
  const none = t("common.none");
  return [
    {
      key: "problemCode",
      title: t("ledger.col.code"),
      render: (_, r) => problemLink(r.problemId, r.problemCode),
      width: 140,
    },
    { key: "problemTitle", title: t("ledger.problemTitle"), render: (_, r) => clipped(r.problemTitle) },
    {
      key: "measure",
      title: t("ledger.measure"),
      render: (_, r) => clipped(`${t("measure.seq", { n: r.measureSeq })} ${r.measureTitle}`),
    },
    { key: "title", title: t("ledger.taskTitle"), render: (_, r) => clipped(r.title) },
    { key: "org", title: t("ledger.taskOrg"), render: (_, r) => r.orgName },
    { key: "assigner", title: t("ledger.assignerOrg"), render: (_, r) => r.assignerOrgName },
    {
      key: "deadline",
      title: t("ledger.col.deadline"),
      render: (_, r) => <DeadlineText deadline={r.deadline} done={r.status === "accepted"} />,
      width: 120,
    },
    {
      key: "taskStatus",
      title: t("ledger.taskStatus"),
      render: (_, r) => <TaskStatusTag status={r.status} />,
      width: 110,
    },
    {
      key: "progress",
      title: t("ledger.col.progress"),
      render: (_, r) => <ProgressBar percent={r.progress} />,
      width: 160,
    },
    {
      key: "light",
      title: t("ledger.col.light"),
      render: (_, r) => <LightTag light={r.light} reasons={r.lightReasons} />,
      width: 100,
    },
    {
      key: "acknowledgedAt",
      title: t("ledger.acknowledgedAt"),
      render: (_, r) => (r.acknowledgedAt ? formatDateTime(r.acknowledgedAt, lang) : none),
    },
    {
      key: "completedAt",
      title: t("ledger.completedAt"),
      render: (_, r) => (r.completedAt ? formatDateTime(r.completedAt, lang) : none),
    },
  ];
}

/** 责任清单: one row per problem and unit answerable for it. */
export function responsibilityColumns(t: T): ColumnType<ResponsibilityRow>[] {
  const none = t("common.none");
  return [
    {
      key: "problemCode",
      title: t("ledger.col.code"),
      render: (_, r) => problemLink(r.problemId, r.problemCode),
      width: 140,
    },
    { key: "problemTitle", title: t("ledger.problemTitle"), render: (_, r) => clipped(r.problemTitle) },
    { key: "org", title: t("ledger.respOrg"), render: (_, r) => r.orgName },
    { key: "role", title: t("ledger.respRole"), render: (_, r) => t(`respRole.${r.role}`) },
    {
      key: "leader",
      title: t("ledger.col.responsibleLeader"),
      render: (_, r) => r.responsibleLeader ?? none,
    },
    {
      key: "person",
      title: t("ledger.col.responsiblePerson"),
      render: (_, r) => r.responsiblePerson ?? none,
    },
    {
      key: "deadline",
      title: t("ledger.col.deadline"),
      render: (_, r) => <DeadlineText deadline={r.deadline} done={r.status === "closed"} />,
      width: 120,
    },
    {
      key: "status",
      title: t("ledger.col.status"),
      render: (_, r) => <ProblemStatusTag status={r.status} />,
      width: 120,
    },
    {
      key: "progress",
      title: t("ledger.col.progress"),
      render: (_, r) => <ProgressBar percent={r.progress} />,
      width: 160,
    },
  ];
}
