import { Card, Col, Descriptions, Empty, List, Row, Tag, Typography } from "antd";
import { can } from "../api/session";
import { useCurrentMe } from "../components/RequireAuth";
import { useT } from "../i18n/I18nProvider";
import { PendingExtensionsCard } from "./home/PendingExtensionsCard";
import { Workbench } from "./home/Workbench";

/** The workbench: to-dos for people working the ledger; a welcome with roles and scope for everyone else. */
export function HomePage() {
  const me = useCurrentMe();
  const t = useT();
  if (can(me, "problems.read")) {
    return (
      <div>
        <Typography.Title level={3} data-testid="home-welcome">
          {t("home.welcome", { name: me.user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("todo.intro")}</Typography.Paragraph>
        <PendingExtensionsCard />
        <Workbench />
      </div>
    );
  }
  const scope = [...new Map(me.roles.map((r) => [r.orgId, r])).values()];

  return (
    <div>
      <Typography.Title level={3} data-testid="home-welcome">
        {t("home.welcome", { name: me.user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("home.intro")}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("home.roles")}>
            {me.roles.length === 0 ? (
              <Empty description={t("home.noRoles")} />
            ) : (
              <div data-testid="home-roles">
                <List
                  dataSource={me.roles}
                  renderItem={(r) => (
                    <List.Item key={`${r.role}@${r.orgId}`}>
                      <Tag color="blue">{t(`role.${r.role}`)}</Tag>
                      <span>{r.orgName}</span>
                    </List.Item>
                  )}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("home.scope")}>
            {scope.length === 0 ? (
              <Empty />
            ) : (
              <div data-testid="home-scope">
                <List
                  dataSource={scope}
                  renderItem={(r) => <List.Item key={r.orgId}>{r.orgName}</List.Item>}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t("home.account")}>
            <Descriptions
              column={{ xs: 1, md: 3 }}
              items={[
                { key: "username", label: t("home.username"), children: me.user.username },
                { key: "name", label: t("users.displayName"), children: me.user.displayName },
                {
                  key: "mfa",
                  label: t("home.mfa"),
                  children: me.user.mfaEnabled ? (
                    <Tag color="green">{t("mfa.enabled")}</Tag>
                  ) : (
                    <Tag>{t("mfa.disabled")}</Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
