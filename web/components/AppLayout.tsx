import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CompassOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  RobotOutlined,
  SafetyOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Layout, Menu, type MenuProps, Space, Tag, Typography } from "antd";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { can, logout } from "../api/session";
import type { Ability, Me } from "../api/types";
import { useT } from "../i18n/I18nProvider";
import { LangSwitch } from "../i18n/LangSwitch";
import type { MessageKey } from "../i18n/zh-CN";
import { brandRed } from "../theme";
import { NotificationBell } from "./NotificationBell";
import { useCurrentMe } from "./RequireAuth";

const { Header, Sider, Content } = Layout;

interface Entry {
  key:
    | "home"
    | "problems"
    | "stats"
    | "supervision"
    | "groups"
    | "meetings"
    | "research"
    | "researchStats"
    | "orgs"
    | "users"
    | "audit"
    | "calendar"
    | "webhooks"
    | "notifications"
    | "account";
  path: string;
  label: MessageKey;
  icon: React.ReactNode;
  ability?: Ability;
}

const ENTRIES: Entry[] = [
  { key: "home", path: "/", label: "menu.home", icon: <DashboardOutlined /> },
  {
    key: "problems",
    path: "/problems",
    label: "menu.problems",
    icon: <FileSearchOutlined />,
    ability: "problems.read",
  },
  {
    key: "stats",
    path: "/stats",
    label: "menu.stats",
    icon: <BarChartOutlined />,
    ability: "problems.read",
  },
  {
    key: "supervision",
    path: "/supervision",
    label: "menu.supervision",
    icon: <AlertOutlined />,
    ability: "supervision.read",
  },
  {
    key: "groups",
    path: "/supervision-groups",
    label: "menu.groups",
    icon: <SolutionOutlined />,
    ability: "groups.read",
  },
  {
    key: "meetings",
    path: "/joint-meetings",
    label: "menu.meetings",
    icon: <CalendarOutlined />,
    ability: "meetings.read",
  },
  {
    key: "research",
    path: "/research",
    label: "menu.research",
    icon: <CompassOutlined />,
    ability: "research.read",
  },
  {
    key: "researchStats",
    path: "/research/statistics",
    label: "menu.researchStats",
    icon: <BarChartOutlined />,
    ability: "research.read",
  },
  { key: "orgs", path: "/orgs", label: "menu.orgs", icon: <ApartmentOutlined />, ability: "orgs.read" },
  { key: "users", path: "/users", label: "menu.users", icon: <TeamOutlined />, ability: "users.manage" },
  { key: "audit", path: "/audit", label: "menu.audit", icon: <AuditOutlined />, ability: "audit.read" },
  {
    key: "calendar",
    path: "/calendar",
    label: "menu.calendar",
    icon: <CalendarOutlined />,
    ability: "calendar.manage",
  },
  { key: "account", path: "/account", label: "menu.account", icon: <SafetyOutlined /> },
  { key: "notifications", path: "/notifications", label: "menu.notifications", icon: <BellOutlined /> },
  {
    key: "webhooks",
    path: "/webhooks",
    label: "menu.webhooks",
    icon: <RobotOutlined />,
    ability: "webhooks.manage",
  },
];

function selectedKey(pathname: string): string {
  // the longest matching path wins: /research/statistics is its own entry, not /research's
  const match = ENTRIES.filter(
    (e) => e.path !== "/" && (pathname === e.path || pathname.startsWith(`${e.path}/`)),
  ).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.key ?? "home";
}

function RoleTags({ me }: { me: Me }) {
  const t = useT();
  const roles = [...new Set(me.roles.map((r) => r.role))];
  return (
    <Space size={4} wrap data-testid="current-roles">
      {roles.map((role) => (
        <Tag key={role} color={role === "admin" || role === "auditor" ? brandRed : "blue"}>
          {t(`role.${role}`)}
        </Tag>
      ))}
    </Space>
  );
}

/** The signed-in frame: header, menu filtered by abilities, and the page. */
export function AppLayout() {
  const me = useCurrentMe();
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const items: MenuProps["items"] = ENTRIES.filter((e) => !e.ability || can(me, e.ability)).map((e) => ({
    key: e.key,
    icon: e.icon,
    label: <Link to={e.path}>{t(e.label)}</Link>,
    ...({ "data-testid": `menu-${e.key}` } as Record<string, string>),
  }));

  const onLogout = async () => {
    await logout(queryClient);
    navigate("/login", { replace: true });
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Header style={{ display: "flex", alignItems: "center", gap: 16 }}>
        <Link to="/" style={{ color: "#fff", display: "flex", alignItems: "baseline", gap: 12 }}>
          <Typography.Title level={4} style={{ color: "#fff", margin: 0 }}>
            {t("app.name")}
          </Typography.Title>
          <span style={{ opacity: 0.8 }}>{t("app.tagline")}</span>
        </Link>
        <div style={{ flex: 1 }} />
        <Space size="middle" align="center">
          <NotificationBell />
          <RoleTags me={me} />
          <span style={{ color: "#fff" }} data-testid="current-user">
            <UserOutlined /> {me.user.displayName}
          </span>
          <LangSwitch />
          <Button icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
            {t("header.logout")}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={220} breakpoint="lg" collapsedWidth={64} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            items={items}
            style={{ height: "100%", borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
