import { useMutation } from "@tanstack/react-query";
import { Alert, App, type ButtonProps, Form, type FormInstance, Modal } from "antd";
import type { ReactNode } from "react";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { applyFieldErrors } from "./formErrors";

interface Props<V, R> {
  title: string;
  onClose: () => void;
  run: (values: V) => Promise<R>;
  /** Receives what the server answered (the updated problem, group, body or session). */
  onDone: (result: R) => void;
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  width?: number;
  okText?: string;
  /** The toast on success; "操作成功" unless given. */
  doneText?: string;
  danger?: boolean;
  children?: ReactNode;
}

/** A modal form for one command: field errors under the fields, anything else above the form. */
export function FormModal<V extends object, R>({
  title,
  onClose,
  run,
  onDone,
  form: given,
  initialValues,
  width,
  okText,
  doneText,
  danger,
  children,
}: Props<V, R>) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const save = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      message.success(doneText ?? t("action.done"));
      onDone(result);
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  return (
    <Modal
      open
      title={title}
      width={width ?? 600}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t("common.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ danger, "data-testid": "modal-submit" } as ButtonProps}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(save.error, lang, t)}
          style={{ marginBottom: 16 }}
          data-testid="modal-error"
        />
      )}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        {children}
      </Form>
    </Modal>
  );
}
