import { useMutation } from "@tanstack/react-query";
import { Alert, Form, Input, Modal } from "antd";
import type { User } from "../../api/types";
import { type RoleInput, resetUserPassword, setUserEmail, setUserRoles } from "../../api/users";
import { applyFieldErrors } from "../../components/formErrors";
import { MIN_PASSWORD } from "../../components/passwordRules";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";
import { RolesField } from "./RolesField";

interface Props {
  user: User;
  onClose: () => void;
  onDone: () => void;
}

/** Replaces a user's role assignments. */
export function RolesModal({ user, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ roles: RoleInput[] }>();
  const save = useMutation({
    mutationFn: (roles: RoleInput[]) => setUserRoles(user.id, roles),
    onSuccess: onDone,
    onError: (err) => applyFieldErrors(form, err),
  });
  const initialOrgs = user.roles.map((r) => ({ value: r.orgId, label: r.orgName }));

  return (
    <Modal
      open
      width={640}
      title={t("users.rolesTitle", { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "user-roles-save" } as Record<string, string>}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        initialValues={{ roles: user.roles.map((r) => ({ role: r.role, orgId: r.orgId })) }}
        onFinish={(v) => save.mutate(v.roles ?? [])}
      >
        <RolesField initialOrgs={initialOrgs} />
      </Form>
    </Modal>
  );
}

/** Sets a new password for a user (an administrator's reset). */
export function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const save = useMutation({
    mutationFn: (password: string) => resetUserPassword(user.id, password),
    onSuccess: onDone,
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <Modal
      open
      title={t("users.resetTitle", { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "user-password-save" } as Record<string, string>}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.password)}>
        <Form.Item
          name="password"
          label={t("users.newPassword")}
          extra={t("account.passwordMin")}
          rules={[
            { required: true, message: t("common.required") },
            { min: MIN_PASSWORD, message: t("account.passwordMin") },
          ]}
        >
          <Input.Password autoComplete="new-password" autoFocus data-testid="user-new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Sets or clears the address a user's e-mail notifications go to. */
export function EmailModal({ user, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ email: string }>();
  const save = useMutation({
    mutationFn: (email: string) => setUserEmail(user.id, email.trim() || null),
    onSuccess: onDone,
    onError: (err) => applyFieldErrors(form, err),
  });
  return (
    <Modal
      open
      title={t("users.emailTitle", { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "user-email-save" } as Record<string, string>}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ email: user.email ?? "" }}
        onFinish={(v) => save.mutate(v.email ?? "")}
      >
        <Form.Item
          name="email"
          label={t("users.email")}
          rules={[{ type: "email", message: t("notify.emailInvalid") }]}
        >
          <Input autoComplete="off" autoFocus data-testid="user-email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
