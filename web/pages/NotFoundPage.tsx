import { Button, Result } from "antd";
import { Link } from "react-router";
import { useT } from "../i18n/I18nProvider";

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("notFound.title")}
      extra={
        <Link to="/">
          <Button type="primary">{t("notFound.back")}</Button>
        </Link>
      }
    />
  );
}
