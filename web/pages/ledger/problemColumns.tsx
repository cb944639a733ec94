import { Tooltip, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import { Link } from "react-router";
import type { ProblemRow, ProblemSort } from "../../api/problems";
import { LightTag } from "../../components/LightTag";
import { ProblemStatusTag, ProgressBar } from "../../components/ProblemTags";
import { formatDate, formatDateTime } from "../../i18n/format";
import type { MessageKey } from "../../i18n/zh-CN";
import { DeadlineText } from "../problem/TaskTree";
import { MilestonesCell } from "./MilestonesCell";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Every ledger column of DOMAIN.md §4 the rows carry, in the ledger's order. */
export const PROBLEM_COLUMN_KEYS = [
  "index",
  "code",
  "campaign",
  "sourceType",
  "sourceRef",
  "category",
  "title",
  "target",
  "measures",
  "rectifyType",
  "responsibleLeader",
  "leadOrg",
  "responsibleOrgs",
  "coOrgs",
  "responsiblePerson",
  "deadline",
  "milestones",
  "progress",
  "status",
  "evidenceCount",
  "closeoutRequestedAt",
  "reviewOpinion",
  "closedAt",
  "followupResult",
  "light",
  "remarks",
  "reopenCount",
  "updatedAt",
] as const;
export type ProblemColumnKey = (typeof PROBLEM_COLUMN_KEYS)[number];

export const DEFAULT_COLUMNS: ProblemColumnKey[] = [
  "code",
  "title",
  "category",
  "rectifyType",
  "leadOrg",
  "deadline",
  "progress",
  "status",
  "light",
  "reopenCount",
];

/** Columns the server can sort by, and the `sort` value each sends. */
export const SORTABLE: Partial<Record<string, ProblemSort>> = {
  code: "code",
  problemCode: "code",
  deadline: "deadline",
  progress: "progress",
  updatedAt: "updatedAt",
};

const clip = (text: string | null | undefined, none: string, width = 220) =>
  text ? (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, maxWidth: width }}>
      {text}
    </Typography.Paragraph>
  ) : (
    none
  );

/** The column definitions, titled in the current language. */
export function problemColumns(
  t: T,
  lang: string,
  offset: number,
): Record<ProblemColumnKey, ColumnType<ProblemRow>> {
  const none = t("common.none");
  const col = (
    key: ProblemColumnKey,
    render: ColumnType<ProblemRow>["render"],
    extra?: ColumnType<ProblemRow>,
  ) => ({
    key,
    title: t(`ledger.col.${key}`),
    render,
    sorter: SORTABLE[key] ? true : undefined,
    ...extra,
  });
  return {
    index: col("index", (_, __, i) => offset + i + 1, { width: 64 }),
    code: col("code", (_, r) => <Link to={`/problems/${r.id}`}>{r.code}</Link>, {
      width: 140,
      fixed: "start",
    }),
    campaign: col("campaign", (_, r) => r.campaignName),
    sourceType: col("sourceType", (_, r) => t(`sourceType.${r.sourceType}`)),
    sourceRef: col("sourceRef", (_, r) => r.sourceRef ?? none),
    category: col("category", (_, r) => clip(r.categoryName, none, 140)),
    title: col("title", (_, r) => (
      <div style={{ minWidth: 180, maxWidth: 260 }}>
        <Link to={`/problems/${r.id}`}>
          <Typography.Text strong>{r.title}</Typography.Text>
        </Link>
        {clip(r.description, "", 260)}
      </div>
    )),
    target: col("target", (_, r) => clip(r.target, none)),
    measures: col("measures", (_, r) => clip(r.measuresSummary, none)),
    rectifyType: col("rectifyType", (_, r) => t(`rectifyType.${r.rectifyType}`)),
    responsibleLeader: col("responsibleLeader", (_, r) => r.responsibleLeader ?? none),
    leadOrg: col("leadOrg", (_, r) => r.leadOrgName ?? none),
    responsibleOrgs: col("responsibleOrgs", (_, r) => clip(r.responsibleOrgNames.join("、"), none, 180)),
    coOrgs: col("coOrgs", (_, r) => r.coOrgNames.join("、") || none),
    responsiblePerson: col("responsiblePerson", (_, r) => r.responsiblePerson ?? none),
    deadline: col(
      "deadline",
      (_, r) =>
        r.deadline && r.originalDeadline && r.deadline !== r.originalDeadline ? (
          <Tooltip title={t("ledger.originalDeadline", { date: formatDate(r.originalDeadline) })}>
            <span>
              <DeadlineText deadline={r.deadline} done={r.status === "closed"} />*
            </span>
          </Tooltip>
        ) : (
          <DeadlineText deadline={r.deadline} done={r.status === "closed"} />
        ),
      { width: 120 },
    ),
    milestones: col("milestones", (_, r) => <MilestonesCell milestones={r.milestones} />, { width: 200 }),
    progress: col("progress", (_, r) => <ProgressBar percent={r.progress} width={110} />, { width: 140 }),
    status: col("status", (_, r) => <ProblemStatusTag status={r.status} closureKind={r.closureKind} />, {
      width: 120,
    }),
    evidenceCount: col("evidenceCount", (_, r) => r.evidenceCount),
    closeoutRequestedAt: col("closeoutRequestedAt", (_, r) => formatDate(r.closeoutRequestedAt) || none),
    reviewOpinion: col("reviewOpinion", (_, r) => clip(r.reviewOpinion, none)),
    closedAt: col("closedAt", (_, r) => formatDate(r.closedAt) || none),
    followupResult: col("followupResult", (_, r) => r.followupResult ?? none),
    light: col("light", (_, r) => <LightTag light={r.light} reasons={r.lightReasons} />, { width: 100 }),
    remarks: col("remarks", (_, r) => clip(r.remarks, none)),
    reopenCount: col("reopenCount", (_, r) => r.reopenCount, { width: 90 }),
    updatedAt: col("updatedAt", (_, r) => formatDateTime(r.updatedAt, lang), { width: 170 }),
  };
}
