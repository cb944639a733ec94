import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import {
  fetchSupervision,
  type NoticeView,
  noticeDocxUrl,
  type SupervisionAction,
  supervisionKey,
} from "../../api/supervision";
import { errorMessage, formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";
import { CloseNoticeDialog, ItemActionDialog, RespondDialog } from "../supervision/SupervisionDialogs";

const ACTIONS: SupervisionAction[] = [
  "urge",
  "issueNotice",
  "list",
  "requestDelisting",
  "verifyDelisting",
  "interview",
  "refer",
];
export const LEVEL_COLOR = { blue: "blue", yellow: "gold", red: "red" } as const;

type Dialog = { kind: "item"; action: SupervisionAction } | { kind: "respond" | "close"; notice: NoticeView };

/** One notice as a line: number, level, status, due date, the answer, and what the caller may do. */
export function NoticeLine({ n, onAct }: { n: NoticeView; onAct: (kind: "respond" | "close") => void }) {
  const { t } = useI18n();
  return (
    <Space
      orientation="vertical"
      size={2}
      style={{ width: "100%" }}
      data-testid="notice-line"
      data-notice-id={n.id}
      data-level={n.level}
      data-status={n.status}
    >
      <Space wrap>
        <Tag color={LEVEL_COLOR[n.level]}>{t(`sv.level.${n.level}`)}</Tag>
        <Typography.Text strong data-testid="notice-number">
          {n.docNumber}
        </Typography.Text>
        <Typography.Text data-testid="notice-doc-title">{n.title}</Typography.Text>
      </Space>
      <Space wrap>
        <Tag data-testid="notice-status">{t(`sv.noticeStatus.${n.status}`)}</Tag>
        {n.overdue && <Tag color="red">{t("sv.overdue")}</Tag>}
        {n.automatic && <Tag>{t("sv.automatic")}</Tag>}
        <Typography.Text type="secondary">
          {n.issuerOrgName} → {n.addresseeOrgName} · {t("sv.col.responseDue")} {formatDate(n.responseDue)}
        </Typography.Text>
        <a href={noticeDocxUrl(n.id)} data-testid="notice-docx">
          {t("sv.action.download")}
        </a>
        {n.abilities.respond && (
          <Button size="small" type="primary" onClick={() => onAct("respond")} data-testid="notice-respond">
            {t("sv.action.respond")}
          </Button>
        )}
        {n.abilities.close && (
          <Button size="small" onClick={() => onAct("close")} data-testid="notice-close">
            {t("sv.action.close")}
          </Button>
        )}
      </Space>
      {n.responseText && (
        <Typography.Paragraph
          type="secondary"
          style={{ margin: 0, whiteSpace: "pre-wrap" }}
          data-testid="notice-answer"
        >
          {t("sv.card.response")}：{n.responseText}
        </Typography.Paragraph>
      )}
    </Space>
  );
}

/** 督办 card on the problem page: the item's ladder so far, and the rungs the caller may climb. */
export function SupervisionCard({ problemId }: { problemId: string }) {
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const query = useQuery({ queryKey: supervisionKey(problemId), queryFn: () => fetchSupervision(problemId) });
  const s = query.data;
  const close = () => setDialog(null);
  const empty =
    s &&
    s.urgings.length + s.notices.length + s.interviews.length + s.referrals.length + s.proposals.length ===
      0 &&
    !s.listing;
  const section = (title: string, node: React.ReactNode) => (
    <div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      {node}
    </div>
  );
  return (
    <Card
      title={t("sv.card.title")}
      size="small"
      data-testid="supervision-card"
      extra={
        s && (
          <Space wrap>
            {ACTIONS.filter((a) => s.abilities[a]).map((a) => (
              <Button
                key={a}
                size="small"
                danger={a === "refer"}
                onClick={() => setDialog({ kind: "item", action: a })}
                data-testid={`sv-${a}`}
              >
                {t(`sv.action.${a}`)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {query.isPending && <Spin />}
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error, lang, t)} />}
      {empty && <Empty description={t("sv.card.nothing")} />}
      {s?.listing &&
        section(
          t("sv.card.listing"),
          <Space wrap>
            <Tag color="red">{t(`sv.listingStatus.${s.listing.status}`)}</Tag>
            <Typography.Text>{s.listing.reason}</Typography.Text>
            <Typography.Text type="secondary">
              {s.listing.listedByName} · {formatDateTime(s.listing.listedAt, lang)}
            </Typography.Text>
          </Space>,
        )}
      {s &&
        s.notices.length > 0 &&
        section(
          t("sv.card.notices"),
          <List
            size="small"
            dataSource={s.notices}
            renderItem={(n) => (
              <List.Item>
                <NoticeLine n={n} onAct={(kind) => setDialog({ kind, notice: n })} />
              </List.Item>
            )}
          />,
        )}
      {s &&
        s.urgings.length > 0 &&
        section(
          t("sv.card.urgings"),
          <List
            size="small"
            dataSource={s.urgings}
            renderItem={(u) => (
              <List.Item data-testid="urging-line">
                <Space orientation="vertical" size={0}>
                  <Space wrap>
                    <Tag color={u.kind === "urging" ? "orange" : "default"}>{t(`sv.kind.${u.kind}`)}</Tag>
                    <Tag>{t(`sv.method.${u.method}`)}</Tag>
                    <Typography.Text type="secondary">
                      {u.orgName} · {u.createdByName} · {formatDateTime(u.createdAt, lang)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text>{u.note}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />,
        )}
      {s &&
        s.interviews.length > 0 &&
        section(
          t("sv.card.interviews"),
          <List
            size="small"
            dataSource={s.interviews}
            renderItem={(i) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>
                    {formatDateTime(i.heldAt, lang)} · {i.place}
                  </Typography.Text>
                  <Typography.Text>
                    {i.interviewer} → {i.interviewee}（{i.intervieweeOrgName}）：{i.reason}
                  </Typography.Text>
                  {i.commitments.map((c) => (
                    <Typography.Text key={`${c.text}${c.deadline}`} type="secondary">
                      · {c.text}（{formatDate(c.deadline)}）
                    </Typography.Text>
                  ))}
                </Space>
              </List.Item>
            )}
          />,
        )}
      {s &&
        s.referrals.length > 0 &&
        section(
          t("sv.card.referrals"),
          <List
            size="small"
            dataSource={s.referrals}
            renderItem={(r) => (
              <List.Item>
                <Typography.Text>
                  {[r.subjectOrgName, r.subjectPerson].filter(Boolean).join("、")} · {r.reason} ·{" "}
                  {t("sv.card.referredTo", { to: r.referredTo })}
                </Typography.Text>
              </List.Item>
            )}
          />,
        )}
      {s &&
        s.proposals.length > 0 &&
        section(
          t("sv.card.proposals"),
          <List
            size="small"
            dataSource={s.proposals}
            renderItem={(p) => (
              <List.Item>
                <Space wrap>
                  <Tag>{t(`sv.proposalKind.${p.kind}`)}</Tag>
                  <Tag>{t(`sv.proposalStatus.${p.status}`)}</Tag>
                  <Typography.Text>{p.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />,
        )}
      {dialog?.kind === "item" && (
        <ItemActionDialog problemId={problemId} action={dialog.action} onClose={close} />
      )}
      {dialog?.kind === "respond" && <RespondDialog notice={dialog.notice} onClose={close} />}
      {dialog?.kind === "close" && <CloseNoticeDialog notice={dialog.notice} onClose={close} />}
    </Card>
  );
}
