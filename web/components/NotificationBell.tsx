import { BellOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Tooltip } from "antd";
import { useNavigate } from "react-router";
import { UNREAD_KEY, unreadCount } from "../api/notifications";
import { useT } from "../i18n/I18nProvider";

/** The header bell: unread count, polled every half minute; opens the inbox. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { data: count = 0 } = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: unreadCount,
    refetchInterval: 30_000,
  });
  return (
    <Tooltip title={t("notify.unreadCount", { count })}>
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t("notify.bell")}
          onClick={() => navigate("/notifications")}
          data-testid="notification-bell"
          data-unread={count}
        />
      </Badge>
    </Tooltip>
  );
}
