import { Button, Space, Typography } from "antd";
import type { TaskNode } from "../../api/problems";
import type { TaskAction } from "../../api/tasks";
import { LightTag } from "../../components/LightTag";
import { ProgressBar, TaskStatusTag } from "../../components/ProblemTags";
import { formatDate, todayInShanghai } from "../../i18n/format";
import { useT } from "../../i18n/I18nProvider";
import { TaskExtensionButton } from "./ExtensionsCard";
import { TASK_ACTIONS } from "./ProblemDialogs";

type OnTaskAction = (action: TaskAction, task: TaskNode) => void;

export function DeadlineText({ deadline, done }: { deadline: string | null; done: boolean }) {
  const t = useT();
  if (!deadline) return <span>{t("common.none")}</span>;
  const day = formatDate(deadline);
  const overdue = !done && day < todayInShanghai();
  return (
    <Typography.Text type={overdue ? "danger" : undefined} title={overdue ? t("task.overdue") : undefined}>
      {day}
    </Typography.Text>
  );
}

function TaskItem({ task, depth, onAction }: { task: TaskNode; depth: number; onAction: OnTaskAction }) {
  const t = useT();
  const allowed = TASK_ACTIONS.filter((a) => task.abilities[a]);
  return (
    <>
      <div
        data-testid={`task-${task.orgName}`}
        data-task-id={task.id}
        data-status={task.status}
        data-light={task.light}
        style={{
          display: "flex",
          flexWrap: "wrap",
          alignItems: "center",
          gap: "4px 16px",
          padding: "8px 8px 8px 0",
          marginInlineStart: depth * 28,
          borderInlineStart: depth > 0 ? "2px solid #e5e8ee" : undefined,
          paddingInlineStart: depth > 0 ? 12 : 0,
          borderBottom: "1px dashed #eef0f4",
        }}
      >
        <div style={{ flex: "1 1 260px", minWidth: 200 }}>
          <Typography.Text strong>{task.orgName}</Typography.Text> <TaskStatusTag status={task.status} />{" "}
          <LightTag light={task.light} reasons={task.lightReasons} testId="task-light" />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.title} · {t("task.assigner", { org: task.assignerOrgName })} ·{" "}
              {t("task.weight", { w: task.weight })}
            </Typography.Text>
          </div>
        </div>
        <div style={{ width: 110 }}>
          <DeadlineText deadline={task.deadline} done={task.status === "accepted"} />
        </div>
        <ProgressBar percent={task.progress} width={140} />
        <TaskExtensionButton task={task} />
        {allowed.length > 0 && (
          <Space size={4} wrap>
            {allowed.map((a) => (
              <Button
                key={a}
                size="small"
                type={a === "report" || a === "accept" ? "primary" : "default"}
                danger={a === "return"}
                onClick={() => onAction(a, task)}
                data-testid={`task-${a}`}
              >
                {t(`taskAction.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </div>
      {task.children.map((c) => (
        <TaskItem key={c.id} task={c} depth={depth + 1} onAction={onAction} />
      ))}
    </>
  );
}

/** A measure's tasks as an indented tree: unit, state, deadline, progress and the allowed actions. */
export function TaskTree({ tasks, onAction }: { tasks: TaskNode[]; onAction: OnTaskAction }) {
  const t = useT();
  if (tasks.length === 0) {
    return <Typography.Text type="secondary">{t("measure.noTasks")}</Typography.Text>;
  }
  return (
    <div>
      {tasks.map((task) => (
        <TaskItem key={task.id} task={task} depth={0} onAction={onAction} />
      ))}
    </div>
  );
}
