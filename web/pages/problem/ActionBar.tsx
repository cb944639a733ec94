import { Button, Space } from "antd";
import type { ProblemDetail } from "../../api/problems";
import { useT } from "../../i18n/I18nProvider";
import { PROBLEM_ACTIONS, type ProblemButton } from "./ProblemDialogs";

const PRIMARY: ReadonlySet<ProblemButton> = new Set(["assign", "acknowledge", "requestCloseOut", "review"]);

/** The actions the signed-in user may take on the problem right now, as the server says. */
export function ActionBar({
  problem,
  onAction,
}: {
  problem: ProblemDetail;
  onAction: (a: ProblemButton) => void;
}) {
  const t = useT();
  const allowed = PROBLEM_ACTIONS.filter((a) => problem.abilities[a]);
  if (allowed.length === 0) return null;
  return (
    <Space wrap data-testid="problem-actions">
      {allowed.map((a) => (
        <Button
          key={a}
          type={PRIMARY.has(a) ? "primary" : "default"}
          danger={a === "withdraw"}
          onClick={() => onAction(a)}
          data-testid={`action-${a}`}
        >
          {t(`action.${a}`)}
        </Button>
      ))}
    </Space>
  );
}
