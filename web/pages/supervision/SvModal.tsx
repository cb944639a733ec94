import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { timelineKey } from "../../api/problems";
import { SUPERVISION_KEY } from "../../api/supervision";
import { FormModal } from "../../components/FormModal";
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

/** A modal form for one 督办 action: the shared form modal, refreshing the 督办 views and the item's timeline. */
export function SvModal<V extends object>({ problemId, width, ...rest }: Props<V>) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <FormModal<V, unknown>
      {...rest}
      width={width ?? 560}
      doneText={t("sv.done")}
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: SUPERVISION_KEY });
        if (problemId) void queryClient.invalidateQueries({ queryKey: timelineKey(problemId) });
      }}
    />
  );
}
