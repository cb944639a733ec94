import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, type ButtonProps, Form, type FormInstance, Modal } from "antd";
import type { ReactNode } from "react";
import { PROBLEMS_KEY, type ProblemDetail, problemKey, TODOS_KEY, timelineKey } from "../../api/problems";
import { applyFieldErrors } from "../../components/formErrors";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

/** Stores the problem an action answered with and refreshes what depends on it. */
export function useProblemUpdated() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return (problem: ProblemDetail) => {
    queryClient.setQueryData(problemKey(problem.id), problem);
    void queryClient.invalidateQueries({ queryKey: timelineKey(problem.id) });
    void queryClient.invalidateQueries({ queryKey: PROBLEMS_KEY });
    void queryClient.invalidateQueries({ queryKey: TODOS_KEY });
    void queryClient.invalidateQueries({ queryKey: ["extensions"] });
    message.success(t("action.done"));
  };
}

interface Props<V> {
  title: string;
  onClose: () => void;
  /** Sends the action; resolves to the updated problem. */
  run: (values: V) => Promise<ProblemDetail>;
  onDone: () => void;
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  width?: number;
  okText?: string;
  danger?: boolean;
  children?: ReactNode;
}

/** A modal form for one action: field errors under the fields, anything else above the form. */
export function ActionModal<V extends object>({
  title,
  onClose,
  run,
  onDone,
  form: given,
  initialValues,
  width,
  okText,
  danger,
  children,
}: Props<V>) {
  const { t, lang } = useI18n();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const updated = useProblemUpdated();
  const save = useMutation({
    mutationFn: run,
    onSuccess: (problem) => {
      updated(problem);
      onDone();
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <Modal
      open
      title={title}
      width={width ?? 560}
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
