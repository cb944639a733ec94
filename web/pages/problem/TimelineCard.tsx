import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Spin, Timeline, Typography } from "antd";
import type { AuditEvent, AuditPayloadKey } from "../../../contract/audit-events";
import { fetchTimeline, type TimelineEntry, timelineKey } from "../../api/problems";
import { errorMessage, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";

/** Payload fields holding free text; each must be a field some event type carries. */
const TEXT_FIELDS = [
  "reason",
  "summary",
  "text",
  "note",
  "comment",
  "remarks",
] as const satisfies readonly AuditPayloadKey[];

/** The free text an event carried, if any (a reason, a summary, a note). */
function eventText(event: AuditEvent): string | null {
  if (!event.data || typeof event.data !== "object") return null;
  const record: Partial<Record<AuditPayloadKey, unknown>> = event.data;
  for (const key of TEXT_FIELDS) {
    const v = record[key];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}

function colorOf(type: string): string {
  if (/rejected|returned|relapse|withdrawn/.test(type)) return "red";
  if (/approved|accepted|closed/.test(type)) return "green";
  return "blue";
}

/** 办理轨迹: who did what and when, oldest first. */
export function TimelineCard({ problemId }: { problemId: string }) {
  const { t, tx, lang } = useI18n();
  const query = useQuery({ queryKey: timelineKey(problemId), queryFn: () => fetchTimeline(problemId) });
  const entries: TimelineEntry[] = query.data ?? [];
  return (
    <Card title={t("timeline.title")} size="small" data-testid="problem-timeline">
      {query.isPending && <Spin />}
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error, lang, t)} />}
      {query.data && entries.length === 0 && <Empty />}
      {entries.length > 0 && (
        <Timeline
          items={entries.map((e) => {
            const text = eventText(e);
            return {
              key: e.seq,
              color: colorOf(e.type),
              title: formatDateTime(e.at, lang),
              content: (
                <div data-testid="timeline-entry" data-type={e.type}>
                  <Typography.Text strong>{tx(`audit.type.${e.type}`, e.type)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {" "}
                    · {e.actorName ? tx(`timeline.actor.${e.actorName}`, e.actorName) : t("audit.system")}
                  </Typography.Text>
                  {text && (
                    <Typography.Paragraph
                      type="secondary"
                      style={{ margin: 0, whiteSpace: "pre-wrap" }}
                      ellipsis={{ rows: 3, expandable: true }}
                    >
                      {text}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
