import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, List, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import {
  INBOX_KEY,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationItem,
} from "../api/notifications";
import { errorMessage, formatDateTime } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

const PAGE = 20;

/** The inbox (消息中心): the user's own notifications, newest first. */
export function NotificationsPage() {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [...INBOX_KEY, unread, page, lang],
    queryFn: () => listNotifications({ unread, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["notifications"] });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (count) => {
      message.success(t("notify.allRead", { count }));
      refresh();
    },
    onError: (err) => message.error(errorMessage(err, lang, t)),
  });

  const open = (n: NotificationItem) => {
    if (!n.readAt) read.mutate(n.id);
    if (n.link) navigate(n.link);
  };

  return (
    <div>
      <Typography.Title level={3}>{t("notify.title")}</Typography.Title>
      <Card
        title={
          <Space>
            <Switch
              checked={unread}
              onChange={(v) => {
                setUnread(v);
                setPage(1);
              }}
              data-testid="notify-only-unread"
            />
            {t("notify.onlyUnread")}
          </Space>
        }
        extra={
          <Button
            onClick={() => readAll.mutate()}
            loading={readAll.isPending}
            disabled={!query.data?.unread}
            data-testid="notify-read-all"
          >
            {t("notify.markAllRead")}
          </Button>
        }
      >
        <List
          loading={query.isLoading}
          dataSource={query.data?.data ?? []}
          locale={{ emptyText: <Empty description={t("notify.empty")} /> }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: query.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              data-kind={n.kind}
              data-read={n.readAt ? "true" : "false"}
              actions={[
                n.link ? (
                  <Button
                    key="open"
                    type="link"
                    size="small"
                    onClick={() => open(n)}
                    data-testid="notification-open"
                  >
                    {t("notify.open")}
                  </Button>
                ) : null,
                !n.readAt ? (
                  <Button
                    key="read"
                    type="link"
                    size="small"
                    onClick={() => read.mutate(n.id)}
                    data-testid="notification-mark-read"
                  >
                    {t("notify.markRead")}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {!n.readAt && <Tag color="red">{t("notify.unread")}</Tag>}
                    <Tag>{tx(`notify.kind.${n.kind}`, n.kind)}</Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <span>{n.body}</span>
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt, lang)}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
