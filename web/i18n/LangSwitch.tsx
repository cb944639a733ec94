import { GlobalOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { type Lang, useI18n } from "./I18nProvider";

/** Header control switching the interface between Chinese and English. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Select<Lang>
      data-testid="lang-switch"
      aria-label={t("lang.label")}
      value={lang}
      onChange={setLang}
      prefix={<GlobalOutlined />}
      style={{ width: 130 }}
      options={[
        { value: "zh-CN", label: t("lang.zh") },
        { value: "en", label: t("lang.en") },
      ]}
    />
  );
}
