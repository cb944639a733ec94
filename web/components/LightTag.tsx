import { Badge, Tooltip } from "antd";
import type { LightColor } from "../../contract/enums";
import { useI18n } from "../i18n/I18nProvider";

export const LIGHT_COLORS: Record<LightColor, string> = {
  green: "#52c41a",
  yellow: "#fadb14",
  orange: "#fa8c16",
  red: "#f5222d",
};

interface Reason {
  code: string;
  zh: string;
  en: string;
}

/** The reasons of a light as one sentence in the current language. */
export function useLightSummary() {
  const { lang, t } = useI18n();
  return (reasons: Reason[]) =>
    reasons.length === 0
      ? t("light.onSchedule")
      : reasons.map((r) => (lang === "en" ? r.en : r.zh)).join(lang === "en" ? ", " : "，");
}

/** 预警灯: a coloured dot with its name; the reasons show in a tooltip. */
export function LightTag({
  light,
  reasons,
  testId,
  compact,
}: {
  light: LightColor;
  reasons: Reason[];
  testId?: string;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const summary = useLightSummary();
  return (
    <Tooltip title={summary(reasons)}>
      <span data-testid={testId ?? "light"} data-light={light} style={{ whiteSpace: "nowrap" }}>
        <Badge color={LIGHT_COLORS[light]} text={compact ? undefined : t(`light.${light}`)} />
      </span>
    </Tooltip>
  );
}
