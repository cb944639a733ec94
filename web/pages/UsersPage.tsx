import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import type { User } from "../api/types";
import { isLocked, listUsers, setUserActive, unlockUser } from "../api/users";
import { SearchInput } from "../components/SearchInput";
import { errorMessage, formatDateTime } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { CreateUserDrawer } from "./users/CreateUserDrawer";
import { EmailModal, ResetPasswordModal, RolesModal } from "./users/UserDialogs";

const PAGE_SIZE = 20;

type Dialog = { kind: "roles" | "password" | "email"; user: User } | null;

/** User administration: list, create, roles, activation, password reset, unlock. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);

  const query = useQuery({
    queryKey: ["users", q, page],
    queryFn: () => listUsers(q, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: ["users"] });

  const act = async (work: () => Promise<void>, done: string) => {
    try {
      await work();
      message.success(done);
      await reload();
    } catch (err) {
      message.error(errorMessage(err, lang, t));
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t("users.username"), dataIndex: "username", key: "username" },
    { title: t("users.displayName"), dataIndex: "displayName", key: "displayName" },
    { title: t("users.org"), dataIndex: "orgName", key: "orgName" },
    {
      title: t("users.roles"),
      key: "roles",
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={`${r.role}@${r.orgId}`} color="blue">
              {t(`role.${r.role}`)} · {r.orgName}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t("common.status"),
      key: "status",
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.active ? (
            <Tag color="green">{t("common.active")}</Tag>
          ) : (
            <Tag color="red">{t("common.inactive")}</Tag>
          )}
          {isLocked(u) && (
            <Tag color="orange">{t("users.locked", { until: formatDateTime(u.lockedUntil, lang) })}</Tag>
          )}
          {u.mfaEnabled && <Tag color="geekblue">{t("users.mfa")}</Tag>}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, u) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => setDialog({ kind: "roles", user: u })}
            data-testid="user-edit-roles"
          >
            {t("users.editRoles")}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setDialog({ kind: "password", user: u })}
            data-testid="user-reset-password"
          >
            {t("users.resetPassword")}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setDialog({ kind: "email", user: u })}
            data-testid="user-set-email"
          >
            {t("users.setEmail")}
          </Button>
          {isLocked(u) && (
            <Button
              type="link"
              size="small"
              onClick={() => act(() => unlockUser(u.id), t("users.unlocked"))}
              data-testid="user-unlock"
            >
              {t("users.unlock")}
            </Button>
          )}
          <Popconfirm
            title={t(u.active ? "users.confirmDeactivate" : "users.confirmActivate", { name: u.displayName })}
            okText={t("common.ok")}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              act(() => setUserActive(u.id, !u.active), t(u.active ? "users.deactivated" : "users.activated"))
            }
          >
            <Button
              type="link"
              size="small"
              danger={u.active}
              data-testid={u.active ? "user-deactivate" : "user-activate"}
            >
              {t(u.active ? "users.deactivate" : "users.activate")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const closeDialog = () => setDialog(null);
  const dialogDone = (text: string) => () => {
    setDialog(null);
    message.success(text);
    void reload();
  };

  return (
    <div>
      <Typography.Title level={3}>{t("users.title")}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <SearchInput
          placeholder={t("users.searchPlaceholder")}
          onSearch={(text) => {
            setQ(text);
            setPage(1);
          }}
          style={{ width: 300 }}
          testId="users-search"
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="users-create"
        >
          {t("users.create")}
        </Button>
      </Space>
      {query.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(query.error, lang, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="users-table">
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.data ?? []}
          loading={query.isFetching}
          onRow={(u) => ({ "data-testid": `user-row-${u.username}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t("common.total", { total }),
            onChange: setPage,
          }}
        />
      </div>
      <CreateUserDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t("users.created"));
          void reload();
        }}
      />
      {dialog?.kind === "email" && (
        <EmailModal user={dialog.user} onClose={closeDialog} onDone={dialogDone(t("users.emailSaved"))} />
      )}
      {dialog?.kind === "roles" && (
        <RolesModal user={dialog.user} onClose={closeDialog} onDone={dialogDone(t("users.rolesSaved"))} />
      )}
      {dialog?.kind === "password" && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={closeDialog}
          onDone={dialogDone(t("users.passwordReset"))}
        />
      )}
    </div>
  );
}
