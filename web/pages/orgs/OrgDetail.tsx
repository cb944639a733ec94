import {
  CheckCircleOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { Button, Card, Descriptions, Empty, Popconfirm, Space, Tag } from "antd";
import type { Org } from "../../api/types";
import { useT } from "../../i18n/I18nProvider";
import type { OrgDialogMode } from "./OrgDialogs";

interface Props {
  org: Org | null;
  pathText: string;
  canManage: boolean;
  busy: boolean;
  onDialog: (mode: OrgDialogMode) => void;
  onSetActive: (active: boolean) => void;
}

/** The selected org's facts and, for managers, what can be done with it. */
export function OrgDetail({ org, pathText, canManage, busy, onDialog, onSetActive }: Props) {
  const t = useT();
  if (!org) {
    return (
      <Card title={t("orgs.detail")}>
        <Empty description={t("orgs.selectHint")} />
      </Card>
    );
  }

  const actions = canManage ? (
    <Space wrap>
      <Button
        icon={<PlusOutlined />}
        disabled={!org.active}
        onClick={() => onDialog("add")}
        data-testid="org-add-child"
      >
        {t("orgs.addChild")}
      </Button>
      <Button icon={<EditOutlined />} onClick={() => onDialog("rename")} data-testid="org-rename">
        {t("orgs.rename")}
      </Button>
      <Button
        icon={<SwapOutlined />}
        disabled={!org.parentId}
        onClick={() => onDialog("move")}
        data-testid="org-move"
      >
        {t("orgs.move")}
      </Button>
      {org.active ? (
        <Popconfirm
          title={t("orgs.confirmDeactivate", { name: org.name })}
          okText={t("common.ok")}
          cancelText={t("common.cancel")}
          onConfirm={() => onSetActive(false)}
        >
          <Button
            danger
            icon={<StopOutlined />}
            loading={busy}
            disabled={!org.parentId}
            data-testid="org-deactivate"
          >
            {t("orgs.deactivate")}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t("orgs.confirmActivate", { name: org.name })}
          okText={t("common.ok")}
          cancelText={t("common.cancel")}
          onConfirm={() => onSetActive(true)}
        >
          <Button icon={<CheckCircleOutlined />} loading={busy} data-testid="org-activate">
            {t("orgs.activate")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  ) : null;

  return (
    <Card title={t("orgs.detail")} data-testid="org-detail">
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: "name", label: t("orgs.name"), children: org.name },
          { key: "code", label: t("orgs.code"), children: org.code ?? t("common.none") },
          { key: "kind", label: t("orgs.kind"), children: t(`orgKind.${org.kind}`) },
          {
            key: "level",
            label: t("orgs.level"),
            children: org.level ? t(`level.${org.level}`) : t("common.none"),
          },
          {
            key: "unitType",
            label: t("orgs.unitType"),
            children: org.unitType ? t(`unitType.${org.unitType}`) : t("common.none"),
          },
          { key: "path", label: t("orgs.path"), children: pathText },
          {
            key: "active",
            label: t("common.status"),
            children: org.active ? (
              <Tag color="green">{t("common.active")}</Tag>
            ) : (
              <Tag color="red">{t("common.inactive")}</Tag>
            ),
          },
        ]}
      />
      {actions && <div style={{ marginTop: 16 }}>{actions}</div>}
    </Card>
  );
}
