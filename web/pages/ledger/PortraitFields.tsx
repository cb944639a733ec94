import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select } from "antd";
import type { Campaign } from "../../api/campaigns";
import { useT } from "../../i18n/I18nProvider";

type Category = Campaign["categories"][number];

/** The category, whose portrait template fills in the symptom list, and the symptoms themselves. */
export function CategoryAndSymptoms({ categories }: { categories: Category[] }) {
  const t = useT();
  const form = Form.useFormInstance();

  const onCategory = (id: string | undefined) => {
    const template = categories.find((c) => c.id === id)?.portraitTemplate ?? [];
    const current: (string | undefined)[] = form.getFieldValue(["portrait", "symptoms"]) ?? [];
    if (template.length > 0 && current.every((s) => !s?.trim())) {
      form.setFieldValue(["portrait", "symptoms"], [...template]);
    }
  };

  return (
    <>
      <Form.Item name="categoryId" label={t("ledger.col.category")}>
        <Select
          allowClear
          onChange={onCategory}
          options={categories.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="problem-form-category"
        />
      </Form.Item>
      <Form.Item label={t("portrait.symptoms")} extra={t("register.symptomsHint")}>
        <Form.List name={["portrait", "symptoms"]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} style={{ display: "flex", gap: 8, marginBottom: 8 }}>
                  <span style={{ lineHeight: "32px", width: 20, textAlign: "right" }}>{i + 1}.</span>
                  <Form.Item name={field.name} noStyle rules={[{ max: 500 }]}>
                    <Input.TextArea autoSize data-testid={`problem-form-symptom-${i}`} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t("common.delete")}
                    disabled={fields.length === 1}
                  />
                </div>
              ))}
              {fields.length < 30 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add("")}
                  data-testid="problem-form-add-symptom"
                >
                  {t("register.addSymptom")}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

/** Root cause, scope, affected population and evidence of the portrait. */
export function PortraitDetails() {
  const t = useT();
  const fields = [
    ["rootCause", "portrait.rootCause", 2000, "problem-form-root-cause"],
    ["scope", "portrait.scope", 1000, "problem-form-scope"],
    ["affectedPopulation", "portrait.affectedPopulation", 1000, "problem-form-affected"],
    ["evidence", "portrait.evidence", 2000, "problem-form-evidence"],
  ] as const;
  return (
    <>
      {fields.map(([name, label, max, testId]) => (
        <Form.Item key={name} name={["portrait", name]} label={t(label)} rules={[{ max }]}>
          <Input.TextArea autoSize={{ minRows: 1 }} data-testid={testId} />
        </Form.Item>
      ))}
    </>
  );
}
