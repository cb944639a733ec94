import { Progress, Tag } from "antd";
import type { ClosureKind, ProblemStatus, TaskStatus } from "../../contract/enums";
import { useT } from "../i18n/I18nProvider";

const STATUS_COLORS: Record<ProblemStatus, string> = {
  registered: "default",
  assigned: "geekblue",
  rectifying: "processing",
  closeout_requested: "orange",
  public_review: "purple",
  ongoing: "cyan",
  closed: "success",
};

const TASK_COLORS: Record<TaskStatus, string> = {
  pending: "gold",
  in_progress: "processing",
  done_reported: "orange",
  accepted: "success",
};

/** A problem's state; a closed item not counted as fixed shows how it was closed instead (已撤销, 重复…). */
export function ProblemStatusTag({
  status,
  closureKind,
  testId,
}: {
  status: ProblemStatus;
  closureKind?: ClosureKind | null;
  testId?: string;
}) {
  const t = useT();
  const otherClosure = status === "closed" && closureKind && closureKind !== "rectified";
  return (
    <Tag
      color={otherClosure ? "default" : STATUS_COLORS[status]}
      data-testid={testId}
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {otherClosure ? t(`closureKind.${closureKind}`) : t(`problemStatus.${status}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <Tag color={TASK_COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`taskStatus.${status}`)}
    </Tag>
  );
}

/** Weighted progress as a bar; full bars turn green. */
export function ProgressBar({
  percent,
  testId,
  width,
}: {
  percent: number;
  testId?: string;
  width?: number;
}) {
  return (
    <div data-testid={testId} data-percent={percent} style={{ minWidth: width ?? 120 }}>
      <Progress percent={percent} size="small" status={percent >= 100 ? "success" : "normal"} />
    </div>
  );
}
