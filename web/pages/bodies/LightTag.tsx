import { Tag } from "antd";
import { useT } from "../../i18n/I18nProvider";

const COLORS: Record<string, string> = { green: "green", yellow: "gold", orange: "orange", red: "red" };

/** A traffic light (预警灯) as a coloured tag. */
export function LightTag({ light }: { light: string }) {
  const t = useT();
  const key = `bodies.light.${light}` as "bodies.light.green";
  return (
    <Tag color={COLORS[light] ?? "default"} data-testid={`light-${light}`}>
      {COLORS[light] ? t(key) : light}
    </Tag>
  );
}

/** Non-empty lines of a text area. */
export const lines = (text: string | undefined): string[] =>
  (text ?? "")
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
