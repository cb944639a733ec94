import { ApartmentOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Space, Typography } from "antd";
import type { Measure, ProblemDetail, TaskNode } from "../../api/problems";
import type { TaskAction } from "../../api/tasks";
import { ProgressBar } from "../../components/ProblemTags";
import { useT } from "../../i18n/I18nProvider";
import { DeadlineText, TaskTree } from "./TaskTree";

interface Props {
  problem: ProblemDetail;
  onDecompose: (measure: Measure) => void;
  onTaskAction: (action: TaskAction, task: TaskNode) => void;
}

function MeasureBlock({
  measure: m,
  onDecompose,
  onTaskAction,
}: Omit<Props, "problem"> & { measure: Measure }) {
  const t = useT();
  return (
    <div
      data-testid={`measure-${m.seqNo}`}
      style={{ border: "1px solid #e5e8ee", borderRadius: 4, padding: 12, marginBottom: 12 }}
    >
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "4px 16px" }}>
        <div style={{ flex: "1 1 300px" }}>
          <Typography.Text strong>
            {t("measure.seq", { n: m.seqNo })} {m.title}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("common.labelled", { label: t("measure.leadOrg"), value: m.leadOrgName })} ·{" "}
              {t("common.labelled", { label: t("measure.weight"), value: m.weight })}
            </Typography.Text>
          </div>
          {m.target && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("common.labelled", { label: t("ledger.col.target"), value: m.target })}
              </Typography.Text>
            </div>
          )}
        </div>
        <div style={{ width: 110 }}>
          <DeadlineText deadline={m.deadline} done={m.progress >= 100} />
        </div>
        <ProgressBar percent={m.progress} width={140} testId={`measure-progress-${m.seqNo}`} />
        <Space>
          {m.abilities.decompose && (
            <Button
              size="small"
              icon={<ApartmentOutlined />}
              onClick={() => onDecompose(m)}
              data-testid={`measure-decompose-${m.seqNo}`}
            >
              {t("taskAction.decompose")}
            </Button>
          )}
        </Space>
      </div>
      <div style={{ marginTop: 8 }}>
        <TaskTree tasks={m.tasks} onAction={onTaskAction} />
      </div>
    </div>
  );
}

/** 整改措施 with the task tree under each. */
export function MeasuresCard({ problem, onDecompose, onTaskAction }: Props) {
  const t = useT();
  return (
    <Card title={t("measure.cardTitle")} size="small" data-testid="problem-measures">
      {problem.measures.length === 0 ? (
        <Empty description={t("measure.none")} />
      ) : (
        [...problem.measures]
          .sort((a, b) => a.seqNo - b.seqNo)
          .map((m) => (
            <MeasureBlock key={m.id} measure={m} onDecompose={onDecompose} onTaskAction={onTaskAction} />
          ))
      )}
    </Card>
  );
}
