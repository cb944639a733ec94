import { Alert, Button, Drawer, Form, type FormInstance, type FormProps, Space } from "antd";
import type { ReactNode } from "react";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

interface Props<V>
  extends Omit<FormProps<V>, "form" | "layout" | "onFinish" | "title" | "children" | "size"> {
  open?: boolean;
  title: ReactNode;
  size: number;
  onClose: () => void;
  form: FormInstance<V>;
  /** The command the form sends: its state drives the save button and the error above the form. */
  save: { isPending: boolean; error: unknown; mutate: (values: V) => void };
  submitTestId: string;
  children?: ReactNode;
}

/** A drawer with one vertical form: cancel and save at the top, anything but field errors above the form. */
export function FormDrawer<V extends object>({
  open = true,
  title,
  size,
  onClose,
  form,
  save,
  submitTestId,
  children,
  ...formProps
}: Props<V>) {
  const { t, lang } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={size}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid={submitTestId}
          >
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {save.error ? (
        <Alert type="error" showIcon title={errorMessage(save.error, lang, t)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<V> {...formProps} form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {children}
      </Form>
    </Drawer>
  );
}
