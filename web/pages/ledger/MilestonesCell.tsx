import { CheckCircleFilled, ClockCircleOutlined } from "@ant-design/icons";
import { Space, Tooltip, Typography } from "antd";
import type { ProblemRow } from "../../api/problems";
import { formatDate } from "../../i18n/format";
import { useT } from "../../i18n/I18nProvider";
import { DeadlineText } from "../problem/TaskTree";

type Milestone = ProblemRow["milestones"][number];

/** Every milestone on its own line, done ones ticked: the tooltip of the 阶段节点 cell. */
function MilestoneList({ milestones }: { milestones: Milestone[] }) {
  const t = useT();
  return (
    <div data-testid="milestone-list">
      {milestones.map((m) => (
        <div key={m.seqNo}>
          {m.done ? <CheckCircleFilled style={{ color: "#52c41a" }} /> : <ClockCircleOutlined />}{" "}
          {formatDate(m.deadline)} {t("measure.seq", { n: m.seqNo })} {m.title}
          {m.done ? `（${t("ledger.milestone.done")}）` : ""}
        </div>
      ))}
    </div>
  );
}

/** 阶段节点: the next open milestone highlighted, how many are done, and all of them on hover. */
export function MilestonesCell({ milestones }: { milestones: Milestone[] }) {
  const t = useT();
  if (milestones.length === 0) return <span>{t("common.none")}</span>;
  const done = milestones.filter((m) => m.done).length;
  const next = milestones.find((m) => !m.done);
  return (
    <Tooltip title={<MilestoneList milestones={milestones} />}>
      <Space orientation="vertical" size={0} style={{ maxWidth: 200 }} data-testid="milestones">
        {next ? (
          <Typography.Text ellipsis style={{ maxWidth: 200 }}>
            <DeadlineText deadline={next.deadline} done={false} /> {next.title}
          </Typography.Text>
        ) : (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t("ledger.milestone.allDone")}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("ledger.milestone.count", { done, total: milestones.length })}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}
