import { useMutation } from "@tanstack/react-query";
import { Form, Input } from "antd";
import { createUser, type NewUser } from "../../api/users";
import { FormDrawer } from "../../components/FormDrawer";
import { applyFieldErrors } from "../../components/formErrors";
import { OrgSelect } from "../../components/OrgSelect";
import { MIN_PASSWORD } from "../../components/passwordRules";
import { useI18n } from "../../i18n/I18nProvider";
import { RolesField } from "./RolesField";

/** Drawer with the new-user form. */
export function CreateUserDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const save = useMutation({
    mutationFn: (v: NewUser) =>
      createUser({
        ...v,
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        roles: v.roles ?? [],
      }),
    onSuccess: () => {
      form.resetFields();
      onCreated();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const required = { required: true, message: t("common.required") };

  return (
    <FormDrawer
      open={open}
      title={t("users.createTitle")}
      size={560}
      onClose={onClose}
      form={form}
      save={save}
      submitTestId="user-create-submit"
      initialValues={{ roles: [] }}
    >
      <Form.Item
        name="username"
        label={t("users.username")}
        rules={[required, { pattern: /^[A-Za-z0-9_.-]{2,40}$/, message: t("users.usernameRule") }]}
      >
        <Input autoComplete="off" data-testid="user-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t("users.displayName")} rules={[required, { max: 60 }]}>
        <Input data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("users.password")}
        extra={t("account.passwordMin")}
        rules={[required, { min: MIN_PASSWORD, message: t("account.passwordMin") }]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Form.Item name="orgId" label={t("users.org")} rules={[required]}>
        <OrgSelect data-testid="user-org" />
      </Form.Item>
      <Form.Item label={t("users.roles")}>
        <RolesField />
      </Form.Item>
    </FormDrawer>
  );
}
