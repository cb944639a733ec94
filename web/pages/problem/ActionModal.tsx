import { useQueryClient } from "@tanstack/react-query";
import type { FormInstance } from "antd";
import type { ReactNode } from "react";
import { PROBLEMS_KEY, type ProblemDetail, problemKey, TODOS_KEY, timelineKey } from "../../api/problems";
import { FormModal } from "../../components/FormModal";

/** Stores the problem an action answered with and refreshes what depends on it. */
function useProblemUpdated() {
  const queryClient = useQueryClient();
  return (problem: ProblemDetail) => {
    queryClient.setQueryData(problemKey(problem.id), problem);
    void queryClient.invalidateQueries({ queryKey: timelineKey(problem.id) });
    void queryClient.invalidateQueries({ queryKey: PROBLEMS_KEY });
    void queryClient.invalidateQueries({ queryKey: TODOS_KEY });
    void queryClient.invalidateQueries({ queryKey: ["extensions"] });
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

/** A modal form for one action on a problem: the shared form modal, storing the problem it answers. */
export function ActionModal<V extends object>({ onDone, width, ...rest }: Props<V>) {
  const updated = useProblemUpdated();
  return (
    <FormModal<V, ProblemDetail>
      {...rest}
      width={width ?? 560}
      onDone={(problem) => {
        updated(problem);
        onDone();
      }}
    />
  );
}
