import { Button, Result, Spin } from "antd";
import { createContext, useContext } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/session";
import type { Me } from "../api/types";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only usable below <RequireAuth>. */
export function useCurrentMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useCurrentMe must be used below <RequireAuth>");
  return me;
}

/** Renders the nested routes for a signed-in user, or sends the browser to /login. */
export function RequireAuth() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const { t, lang } = useI18n();

  if (isPending) {
    return (
      <div style={{ display: "flex", height: "100vh", alignItems: "center", justifyContent: "center" }}>
        <Spin size="large" />
      </div>
    );
  }
  if (error) {
    return (
      <Result
        status="error"
        title={t("common.loadFailed")}
        subTitle={errorMessage(error, lang, t)}
        extra={<Button onClick={() => refetch()}>{t("common.retry")}</Button>}
      />
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <MeContext.Provider value={me}>
      <Outlet />
    </MeContext.Provider>
  );
}
