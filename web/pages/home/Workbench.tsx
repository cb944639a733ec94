import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, Card, Col, Empty, List, Row, Spin, Typography } from "antd";
import { Link } from "react-router";
import { fetchToDos, type ProblemRow, type TaskRow, TODOS_KEY, type ToDos } from "../../api/problems";
import { ProblemStatusTag, TaskStatusTag } from "../../components/ProblemTags";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";
import { DeadlineText } from "../problem/TaskTree";

const PROBLEM_GROUPS = ["toAssign", "toAcknowledge", "toReview", "ballotsToIssue"] as const;
const TASK_GROUPS = ["tasksToAcknowledge", "tasksToReport", "tasksToAccept"] as const;
type Group = keyof ToDos;

function ProblemItem({ p }: { p: ProblemRow }) {
  return (
    <List.Item key={p.id} extra={<DeadlineText deadline={p.deadline} done={p.status === "closed"} />}>
      <Link to={`/problems/${p.id}`} data-testid="todo-item" style={{ display: "block", minWidth: 0 }}>
        <Typography.Text strong>{p.code}</Typography.Text> <ProblemStatusTag status={p.status} />
        <div>
          <Typography.Text type="secondary" ellipsis>
            {p.title}
          </Typography.Text>
        </div>
      </Link>
    </List.Item>
  );
}

function TaskItem({ task }: { task: TaskRow }) {
  return (
    <List.Item
      key={task.id}
      extra={<DeadlineText deadline={task.deadline} done={task.status === "accepted"} />}
    >
      <Link
        to={`/problems/${task.problemId}`}
        data-testid="todo-item"
        style={{ display: "block", minWidth: 0 }}
      >
        <Typography.Text strong>{task.problemCode}</Typography.Text> <TaskStatusTag status={task.status} />
        <div>
          <Typography.Text type="secondary" ellipsis>
            {task.orgName} · {task.title}
          </Typography.Text>
        </div>
      </Link>
    </List.Item>
  );
}

function GroupCard({ group, count, children }: { group: Group; count: number; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid={`todo-${group}`}
      title={
        <span>
          {t(`todo.${group}`)}{" "}
          <Badge
            count={count}
            showZero
            color={count ? "#c8161d" : "#bfbfbf"}
            data-testid={`todo-count-${group}`}
          />
        </span>
      }
      styles={{ body: { maxHeight: 360, overflowY: "auto", paddingBlock: 0 } }}
    >
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("todo.none")} /> : children}
    </Card>
  );
}

/** 工作台: the signed-in user's to-dos, grouped by what has to be done. */
export function Workbench() {
  const { t, lang } = useI18n();
  const query = useQuery({ queryKey: TODOS_KEY, queryFn: fetchToDos });
  if (query.isPending) return <Spin />;
  if (query.error) return <Alert type="error" showIcon title={errorMessage(query.error, lang, t)} />;
  const todos = query.data;
  return (
    <Row gutter={[16, 16]} data-testid="workbench">
      {PROBLEM_GROUPS.map((g) => (
        <Col key={g} xs={24} md={12} xl={6}>
          <GroupCard group={g} count={todos[g].length}>
            <List dataSource={todos[g]} renderItem={(p) => <ProblemItem p={p} />} />
          </GroupCard>
        </Col>
      ))}
      {TASK_GROUPS.map((g) => (
        <Col key={g} xs={24} md={12} xl={8}>
          <GroupCard group={g} count={todos[g].length}>
            <List dataSource={todos[g]} renderItem={(task) => <TaskItem task={task} />} />
          </GroupCard>
        </Col>
      ))}
    </Row>
  );
}
