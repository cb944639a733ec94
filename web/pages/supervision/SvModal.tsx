import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, type ButtonProps, Form, Modal } from "antd";
import type { ReactNode } from "react";
import { timelineKey } from "../../api/problems";
import { SUPERVISION_KEY } from "../../api/supervision";
import { applyFieldErrors } from "../../components/formErrors";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

interface Props<V> {
  title: string;
  onClose: () => void;
  run: (values: V) => Promise<unknown>;
  /** The item whose timeline the action adds to, if any. */
  problemId?: string;
  initialValues?: Partial<V>;
  okText?: string;
  danger?: boolean;
  width?: number;
  children?: ReactNode;
}

/** A modal form for one 督办 action: field errors under the fields, anything else above the form. */
export function SvModal<V extends object>(p: Props<V>) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<V>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: p.run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SUPERVISION_KEY });
      if (p.problemId) void queryClient.invalidateQueries({ queryKey: timelineKey(p.problemId) });
      message.success(t("sv.done"));
      p.onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  return (
    <Modal
      open
      title={p.title}
      width={p.width ?? 560}
      onCancel={p.onClose}
      onOk={() => form.submit()}
      okText={p.okText ?? t("common.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ danger: p.danger, "data-testid": "modal-submit" } as ButtonProps}
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
        initialValues={p.initialValues}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        {p.children}
      </Form>
    </Modal>
  );
}
