import type { Measure, ProblemDetail, TaskNode } from "../../api/problems";
import type { TaskAction } from "../../api/tasks";
import { AssignDialog } from "./dialogs/AssignDialog";
import { BallotDialog } from "./dialogs/BallotDialog";
import { CloseOutDialog } from "./dialogs/CloseOutDialog";
import { DecomposeDialog } from "./dialogs/DecomposeDialog";
import { MeasureDialog } from "./dialogs/MeasureDialog";
import { ReviewDialog } from "./dialogs/ReviewDialog";
import {
  FollowUpDialog,
  ProblemConfirmDialog,
  RemarksDialog,
  StageCloseDialog,
  WithdrawDialog,
} from "./dialogs/SimpleDialogs";
import { CompleteDialog, ReportDialog, ReturnDialog, TaskConfirmDialog } from "./dialogs/TaskDialogs";

/** The problem-level buttons, in the order the loop runs; each shows only with its ability. */
export const PROBLEM_ACTIONS = [
  "assign",
  "acknowledge",
  "addMeasure",
  "requestCloseOut",
  "review",
  "issueBallots",
  "closePublicReview",
  "stageClose",
  "followUp",
  "withdraw",
  "editRemarks",
] as const;
export type ProblemButton = (typeof PROBLEM_ACTIONS)[number];

export const TASK_ACTIONS: readonly TaskAction[] = [
  "acknowledge",
  "report",
  "complete",
  "accept",
  "return",
  "decompose",
];

export type Dialog =
  | { kind: "problem"; action: ProblemButton }
  | { kind: "measure"; measure: Measure }
  | { kind: "task"; action: TaskAction; task: TaskNode };

function ProblemActionDialog({
  problem,
  action,
  onClose,
}: {
  problem: ProblemDetail;
  action: ProblemButton;
  onClose: () => void;
}) {
  const props = { problem, onClose };
  switch (action) {
    case "assign":
      return <AssignDialog {...props} />;
    case "addMeasure":
      return <MeasureDialog {...props} />;
    case "requestCloseOut":
      return <CloseOutDialog {...props} />;
    case "review":
      return <ReviewDialog {...props} />;
    case "acknowledge":
    case "closePublicReview":
      return <ProblemConfirmDialog {...props} action={action} />;
    case "stageClose":
      return <StageCloseDialog {...props} />;
    case "followUp":
      return <FollowUpDialog {...props} />;
    case "withdraw":
      return <WithdrawDialog {...props} />;
    case "issueBallots":
      return <BallotDialog {...props} />;
    case "editRemarks":
      return <RemarksDialog {...props} />;
  }
}

/** Whichever action form is open on the problem page. */
export function ProblemDialogs({
  problem,
  dialog,
  onClose,
}: {
  problem: ProblemDetail;
  dialog: Dialog | null;
  onClose: () => void;
}) {
  if (!dialog) return null;
  if (dialog.kind === "problem")
    return <ProblemActionDialog problem={problem} action={dialog.action} onClose={onClose} />;
  if (dialog.kind === "measure") return <DecomposeDialog measure={dialog.measure} onClose={onClose} />;
  const { task, action } = dialog;
  switch (action) {
    case "decompose":
      return <DecomposeDialog task={task} onClose={onClose} />;
    case "report":
      return <ReportDialog task={task} onClose={onClose} />;
    case "complete":
      return <CompleteDialog task={task} onClose={onClose} />;
    case "return":
      return <ReturnDialog task={task} onClose={onClose} />;
    default:
      return <TaskConfirmDialog task={task} action={action} onClose={onClose} />;
  }
}
