import { useMutation } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Select } from "antd";
import { ORG_UNIT_TYPES, REGION_LEVELS } from "../../../contract/enums";
import { childLevel, createOrg, moveOrg, renameOrg, setOrgUnitType } from "../../api/orgs";
import type { Org, OrgKind, OrgUnitType, RegionLevel } from "../../api/types";
import { applyFieldErrors } from "../../components/formErrors";
import { OrgSelect } from "../../components/OrgSelect";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

export type OrgDialogMode = "add" | "rename" | "move";

interface Props {
  mode: OrgDialogMode;
  org: Org;
  onClose: () => void;
  /** Called after success with the org that should be selected next (a new child, or the same org). */
  onDone: (mode: OrgDialogMode, org: Org, extra: { created?: Org; newParentId?: string }) => void;
}

interface Values {
  name?: string;
  kind?: OrgKind;
  level?: RegionLevel;
  code?: string;
  parentId?: string;
  unitType?: OrgUnitType;
}

const KINDS: OrgKind[] = ["region", "department", "unit"];

/** Add-child, rename and move dialogs for one org. */
export function OrgDialog({ mode, org, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (mode === "add") {
        const created = await createOrg({
          parentId: org.id,
          name: v.name!.trim(),
          kind: v.kind!,
          level: v.kind === "region" ? v.level : undefined,
          code: v.code?.trim() || undefined,
          unitType: v.kind !== "region" ? v.unitType : undefined,
        });
        return { created };
      }
      if (mode === "rename") {
        await renameOrg(org.id, v.name!.trim());
        if (v.unitType && v.unitType !== org.unitType) await setOrgUnitType(org.id, v.unitType);
        return {};
      }
      await moveOrg(org.id, v.parentId!);
      return { newParentId: v.parentId };
    },
    onSuccess: (extra) => onDone(mode, org, extra),
    onError: (err) => applyFieldErrors(form, err),
  });

  const title =
    mode === "add"
      ? t("orgs.addTitle", { name: org.name })
      : mode === "rename"
        ? t("orgs.renameTitle", { name: org.name })
        : t("orgs.moveTitle", { name: org.name });

  const initialValues: Values =
    mode === "add"
      ? { kind: org.kind === "region" ? "region" : "unit", level: childLevel(org) }
      : mode === "rename"
        ? { name: org.name, unitType: org.unitType ?? undefined }
        : {};

  const required = [{ required: true, message: t("common.required") }];

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "org-dialog-ok" } as Record<string, string>}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        {(mode === "add" || mode === "rename") && (
          <Form.Item name="name" label={t("orgs.name")} rules={[...required, { max: 100 }]}>
            <Input autoFocus data-testid="org-name-input" />
          </Form.Item>
        )}
        {mode === "rename" && org.kind !== "region" && (
          <Form.Item name="unitType" label={t("orgs.unitType")}>
            <Select
              data-testid="org-unit-type-edit"
              options={ORG_UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))}
            />
          </Form.Item>
        )}
        {mode === "add" && (
          <>
            <Form.Item name="kind" label={t("orgs.kind")} rules={required}>
              <Select
                data-testid="org-kind-select"
                options={KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
              />
            </Form.Item>
            {kind && kind !== "region" && (
              <Form.Item name="unitType" label={t("orgs.unitType")}>
                <Select
                  allowClear
                  data-testid="org-unit-type-select"
                  options={ORG_UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))}
                />
              </Form.Item>
            )}
            {kind === "region" && (
              <Form.Item name="level" label={t("orgs.level")} rules={required}>
                <Select
                  data-testid="org-level-select"
                  options={REGION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                />
              </Form.Item>
            )}
            <Form.Item
              name="code"
              label={t("orgs.code")}
              extra={t("orgs.codeHint")}
              rules={[{ pattern: /^\s*\d{6,12}\s*$/, message: t("orgs.codeFormat") }]}
            >
              <Input inputMode="numeric" data-testid="org-code-input" />
            </Form.Item>
          </>
        )}
        {mode === "move" && (
          <Form.Item name="parentId" label={t("orgs.newParent")} rules={required}>
            <OrgSelect exclude={org.id} data-testid="org-parent-select" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
