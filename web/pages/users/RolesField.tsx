import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Select, Space } from "antd";
import { ROLES } from "../../../contract/enums";
import { type OrgOption, OrgSelect } from "../../components/OrgSelect";
import { useT } from "../../i18n/I18nProvider";

/** A form list of role assignments, each a role at an org; lives inside a Form under `roles`. */
export function RolesField({ initialOrgs }: { initialOrgs?: OrgOption[] }) {
  const t = useT();
  const required = [{ required: true, message: t("common.required") }];
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <div data-testid="roles-field">
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: "flex", marginBottom: 4 }} wrap>
              <Form.Item name={[field.name, "role"]} rules={required} style={{ marginBottom: 8 }}>
                <Select
                  placeholder={t("users.role")}
                  style={{ width: 200 }}
                  data-testid={`role-select-${field.name}`}
                  options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, "orgId"]} rules={required} style={{ marginBottom: 8 }}>
                <OrgSelect
                  initial={initialOrgs}
                  placeholder={t("users.roleOrg")}
                  style={{ width: 240 }}
                  data-testid={`role-org-${field.name}`}
                />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid="role-add">
            {t("users.addRole")}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
