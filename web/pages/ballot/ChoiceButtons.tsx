import { FrownOutlined, MehOutlined, SmileOutlined } from "@ant-design/icons";
import { Button } from "antd";
import type { ReactNode } from "react";
import type { BallotChoice } from "../../../contract/enums";
import { useT } from "../../i18n/I18nProvider";

const ICONS: Record<BallotChoice, ReactNode> = {
  very_satisfied: <SmileOutlined />,
  satisfied: <SmileOutlined />,
  basically_satisfied: <MehOutlined />,
  dissatisfied: <FrownOutlined />,
  very_dissatisfied: <FrownOutlined />,
};

/** Large, thumb-sized choices that behave as one radio group. */
export function ChoiceButtons({
  choices,
  value,
  onChange,
}: {
  choices: readonly BallotChoice[];
  value: BallotChoice | null;
  onChange: (choice: BallotChoice) => void;
}) {
  const t = useT();
  return (
    <div
      role="radiogroup"
      aria-label={t("ballot.question")}
      style={{ display: "flex", flexDirection: "column", gap: 10 }}
    >
      {choices.map((c) => {
        const selected = value === c;
        const negative = c === "dissatisfied" || c === "very_dissatisfied";
        return (
          <Button
            key={c}
            role="radio"
            aria-checked={selected}
            type={selected ? "primary" : "default"}
            danger={negative && selected}
            size="large"
            block
            icon={ICONS[c]}
            onClick={() => onChange(c)}
            style={{ height: 56, fontSize: 18, justifyContent: "flex-start", paddingInline: 20 }}
            data-testid={`ballot-choice-${c}`}
          >
            {t(`ballotChoice.${c}`)}
          </Button>
        );
      })}
    </div>
  );
}
