import { useQuery } from "@tanstack/react-query";
import { Badge, Card, List, Typography } from "antd";
import { Link } from "react-router";
import { listPendingExtensions, PENDING_EXTENSIONS_KEY } from "../../api/extensions";
import { formatDate } from "../../i18n/format";
import { useT } from "../../i18n/I18nProvider";

/** 工作台: extension requests waiting for the user's decision; shown only when there are some. */
export function PendingExtensionsCard() {
  const t = useT();
  const query = useQuery({ queryKey: PENDING_EXTENSIONS_KEY, queryFn: listPendingExtensions });
  const rows = query.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Card
      size="small"
      data-testid="todo-extensions"
      title={
        <span>
          {t("extension.pendingTitle")} <Badge count={query.data?.total ?? 0} />
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      <List
        size="small"
        dataSource={rows}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Link
              to={`/problems/${e.problemId}`}
              data-testid="todo-item"
              style={{ display: "block", minWidth: 0 }}
            >
              <Typography.Text strong>{e.problemCode}</Typography.Text> · {e.orgName}
              {e.taskTitle ? ` · ${e.taskTitle}` : ""}
              <div>
                <Typography.Text type="secondary">
                  {t("extension.from", { old: formatDate(e.oldDeadline), new: formatDate(e.newDeadline) })} ·{" "}
                  {e.reason}
                </Typography.Text>
              </div>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
