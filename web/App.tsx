import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUSLocale from "antd/locale/en_US";
import zhCNLocale from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { BrowserRouter, Route, Routes, useNavigate } from "react-router";
import { ApiError, setUnauthorizedHandler } from "./api/client";
import { forgetSession } from "./api/session";
import { AppLayout } from "./components/AppLayout";
import { RequireAbility } from "./components/RequireAbility";
import { RequireAuth } from "./components/RequireAuth";
import { I18nProvider, useI18n } from "./i18n/I18nProvider";
import { AccountPage } from "./pages/AccountPage";
import { AuditPage } from "./pages/AuditPage";
import { BallotPage } from "./pages/BallotPage";
import { CalendarPage } from "./pages/CalendarPage";
import { HomePage } from "./pages/HomePage";
import { JointMeetingPage } from "./pages/JointMeetingPage";
import { JointMeetingsPage } from "./pages/JointMeetingsPage";
import { LoginPage } from "./pages/LoginPage";
import { MeetingSessionPage } from "./pages/MeetingSessionPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NotificationsPage } from "./pages/NotificationsPage";
import { OrgTreePage } from "./pages/OrgTreePage";
import { ProblemDetailPage } from "./pages/ProblemDetailPage";
import { ProblemsPage } from "./pages/ProblemsPage";
import { ResearchDetailPage } from "./pages/ResearchDetailPage";
import { ResearchPage } from "./pages/ResearchPage";
import { ResearchStatsPage } from "./pages/ResearchStatsPage";
import { SupervisionGroupPage } from "./pages/SupervisionGroupPage";
import { SupervisionGroupsPage } from "./pages/SupervisionGroupsPage";
import { SupervisionPage } from "./pages/SupervisionPage";
import { UsersPage } from "./pages/UsersPage";
import { WebhooksPage } from "./pages/WebhooksPage";
import { theme } from "./theme";

// 统计分析 carries ECharts and the map outlines: loaded only when the page is opened
const StatsPage = lazy(() => import("./pages/StatsPage").then((m) => ({ default: m.StatsPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // a 4xx answer will not change on retry; only network trouble and 5xx are worth another go
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
    },
    mutations: { retry: false },
  },
});

function AntdConfig({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === "en" ? enUSLocale : zhCNLocale} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Sends the browser to the login page whenever the API says the session is gone. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetSession(client);
      if (window.location.pathname !== "/login") {
        navigate("/login", { replace: true, state: { from: window.location.pathname } });
      }
    });
  }, [navigate, client]);
  return null;
}

export function App() {
  return (
    <I18nProvider>
      <AntdConfig>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <UnauthorizedRedirect />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/ballot" element={<BallotPage />} />
              <Route element={<RequireAuth />}>
                <Route element={<AppLayout />}>
                  <Route index element={<HomePage />} />
                  <Route
                    path="problems"
                    element={
                      <RequireAbility ability="problems.read">
                        <ProblemsPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="problems/:id"
                    element={
                      <RequireAbility ability="problems.read">
                        <ProblemDetailPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="supervision"
                    element={
                      <RequireAbility ability="supervision.read">
                        <SupervisionPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="orgs"
                    element={
                      <RequireAbility ability="orgs.read">
                        <OrgTreePage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="users"
                    element={
                      <RequireAbility ability="users.manage">
                        <UsersPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="audit"
                    element={
                      <RequireAbility ability="audit.read">
                        <AuditPage />
                      </RequireAbility>
                    }
                  />
                  <Route path="calendar" element={<CalendarPage />} />
                  <Route
                    path="supervision-groups"
                    element={
                      <RequireAbility ability="groups.read">
                        <SupervisionGroupsPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="supervision-groups/:id"
                    element={
                      <RequireAbility ability="groups.read">
                        <SupervisionGroupPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="joint-meetings"
                    element={
                      <RequireAbility ability="meetings.read">
                        <JointMeetingsPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="joint-meetings/:id"
                    element={
                      <RequireAbility ability="meetings.read">
                        <JointMeetingPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="joint-meetings/sessions/:id"
                    element={
                      <RequireAbility ability="meetings.read">
                        <MeetingSessionPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="stats"
                    element={
                      <RequireAbility ability="problems.read">
                        <Suspense fallback={null}>
                          <StatsPage />
                        </Suspense>
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="research"
                    element={
                      <RequireAbility ability="research.read">
                        <ResearchPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="research/statistics"
                    element={
                      <RequireAbility ability="research.read">
                        <ResearchStatsPage />
                      </RequireAbility>
                    }
                  />
                  <Route
                    path="research/:id"
                    element={
                      <RequireAbility ability="research.read">
                        <ResearchDetailPage />
                      </RequireAbility>
                    }
                  />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route
                    path="webhooks"
                    element={
                      <RequireAbility ability="webhooks.manage">
                        <WebhooksPage />
                      </RequireAbility>
                    }
                  />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntdConfig>
    </I18nProvider>
  );
}
