import { Result } from "antd";
import type { ReactNode } from "react";
import { can } from "../api/session";
import type { Ability } from "../api/types";
import { useT } from "../i18n/I18nProvider";
import { useCurrentMe } from "./RequireAuth";

/** Shows its children only to users holding the ability. */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const me = useCurrentMe();
  const t = useT();
  if (!can(me, ability)) return <Result status="403" title="403" subTitle={t("error.forbidden")} />;
  return <>{children}</>;
}
