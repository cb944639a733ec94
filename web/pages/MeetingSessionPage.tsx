import { ArrowLeftOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Result, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  addAgendaItem,
  type Decision,
  decisionToProblem,
  fetchPreviousDecisions,
  fetchProposedItems,
  fetchSession,
  meetingKey,
  type ProposedItem,
  type SessionDetail,
  sessionKey,
} from "../api/bodies";
import { ApiError } from "../api/client";
import { TODOS_KEY } from "../api/problems";
import { ProblemStatusTag, ProgressBar, TaskStatusTag } from "../components/ProblemTags";
import { errorMessage } from "../i18n/format";
import { useI18n, useT } from "../i18n/I18nProvider";
import { ConvertToProblemDialog } from "./bodies/ConvertToProblemDialog";
import { LightTag } from "./bodies/LightTag";
import {
  AgendaDialog,
  AttendanceDialog,
  DecisionDialog,
  MinutesDialog,
  ToTaskDialog,
} from "./bodies/MeetingDialogs";

type Open =
  | { kind: "agenda" | "attendance" | "minutes" | "decision" }
  | { kind: "toProblem" | "toTask"; decision: Decision };

/** What became of a decision: the linked problem or task with its status, progress and light. */
function Outcome({ d }: { d: Decision }) {
  const t = useT();
  const o = d.outcome;
  if (!o) return <Tag>{t("session.notConverted")}</Tag>;
  return (
    <Space size={4} wrap data-testid="decision-outcome">
      <Link to={`/problems/${o.problemId}`}>
        {o.kind === "task"
          ? t("session.outcomeTask", { org: o.orgName ?? "", code: o.problemCode })
          : t("session.outcomeProblem", { code: o.problemCode })}
      </Link>
      {o.kind === "task" && o.taskStatus ? (
        <TaskStatusTag status={o.taskStatus} />
      ) : (
        <ProblemStatusTag status={o.status} />
      )}
      <LightTag light={o.light} />
      <ProgressBar percent={o.progress} width={100} />
    </Space>
  );
}

function DecisionTable({
  decisions,
  actions,
}: {
  decisions: Decision[];
  actions?: (d: Decision) => React.ReactNode;
}) {
  const t = useT();
  return (
    <Table<Decision>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={decisions}
      locale={{ emptyText: t("bodies.none") }}
      columns={[
        { title: "#", dataIndex: "seqNo", width: 50 },
        { title: t("session.decisionText"), dataIndex: "text" },
        { title: t("session.ownerOrg"), dataIndex: "ownerOrgName", render: (v: string | null) => v ?? "" },
        { title: t("bodies.deadline"), dataIndex: "deadline", render: (v: string | null) => v ?? "" },
        {
          title: t("common.status"),
          width: 360,
          render: (_, d) => (d.outcome || !actions ? <Outcome d={d} /> : actions(d)),
        },
      ]}
    />
  );
}

/** 会议页面: previous decisions' status, agenda with proposals, attendance, minutes, decisions. */
export function MeetingSessionPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState<Open | null>(null);
  const session = useQuery({ queryKey: sessionKey(id), queryFn: () => fetchSession(id) });
  const proposed = useQuery({
    queryKey: [...sessionKey(id), "proposed"],
    queryFn: () => fetchProposedItems(id),
  });
  const previous = useQuery({
    queryKey: [...sessionKey(id), "previous"],
    queryFn: () => fetchPreviousDecisions(id),
  });
  const updated = (s: SessionDetail) => {
    client.setQueryData(sessionKey(s.id), s);
    void client.invalidateQueries({ queryKey: [...sessionKey(s.id), "proposed"] });
    void client.invalidateQueries({ queryKey: meetingKey(s.bodyId) });
    void client.invalidateQueries({ queryKey: TODOS_KEY });
  };
  const propose = useMutation({
    mutationFn: (item: ProposedItem) =>
      addAgendaItem(id, {
        problemId: item.problemId,
        origin: item.reasons.includes("red") ? "red" : "stuck",
      }),
    onSuccess: (s) => {
      updated(s);
      message.success(t("action.done"));
    },
    onError: (err) => message.error(errorMessage(err, lang, t)),
  });
  if (session.isLoading) return <Spin />;
  if (session.error || !session.data) {
    const missing = session.error instanceof ApiError && session.error.status === 404;
    return (
      <Result
        status={missing ? "404" : "error"}
        title={missing ? t("bodies.notFound") : t("common.loadFailed")}
      />
    );
  }
  const s = session.data;
  const manage = s.abilities.manage;
  const close = () => setOpen(null);
  const common = { onClose: close, onDone: updated };
  const button = (kind: "agenda" | "attendance" | "minutes" | "decision", label: string) =>
    manage && (
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => setOpen({ kind })}
        data-testid={`session-${kind}`}
      >
        {label}
      </Button>
    );

  return (
    <div>
      <Link to={`/joint-meetings/${s.bodyId}`}>
        <ArrowLeftOutlined /> {s.bodyName}
      </Link>
      <Typography.Title level={3} style={{ margin: "12px 0 4px" }} data-testid="session-title">
        {s.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue">{t(`sessionKind.${s.kind}`)}</Tag>
        <span>{s.heldOn}</span>
        <span>{s.place}</span>
      </Space>

      <Card title={t("session.previous")} style={{ marginBottom: 16 }} data-testid="previous-decisions">
        {previous.data?.session ? (
          <>
            <p>
              <Link to={`/joint-meetings/sessions/${previous.data.session.id}`}>
                {t("session.previousOf", {
                  title: previous.data.session.title,
                  date: previous.data.session.heldOn,
                })}
              </Link>
            </p>
            <DecisionTable decisions={previous.data.decisions} />
          </>
        ) : (
          <Empty description={t("session.noPrevious")} />
        )}
      </Card>

      <Card
        title={t("session.agenda")}
        extra={button("agenda", t("session.addAgenda"))}
        style={{ marginBottom: 16 }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.agenda}
          locale={{ emptyText: t("bodies.none") }}
          data-testid="agenda"
          columns={[
            { title: "#", dataIndex: "seqNo", width: 50 },
            {
              title: t("session.agendaTitle"),
              render: (_, a) =>
                a.problem ? <Link to={`/problems/${a.problem.id}`}>{a.title}</Link> : a.title,
            },
            {
              title: "",
              dataIndex: "origin",
              render: (o: SessionDetail["agenda"][number]["origin"]) => <Tag>{t(`agendaOrigin.${o}`)}</Tag>,
            },
            {
              title: t("common.status"),
              render: (_, a) =>
                a.problem && (
                  <Space size={4}>
                    <ProblemStatusTag status={a.problem.status} />
                    <LightTag light={a.problem.light} />
                  </Space>
                ),
            },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t("session.proposed")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("session.proposedHint")}</Typography.Paragraph>
        <Table<ProposedItem>
          rowKey="problemId"
          size="small"
          pagination={false}
          loading={proposed.isLoading}
          dataSource={proposed.data ?? []}
          locale={{ emptyText: t("session.noProposals") }}
          data-testid="proposed-items"
          columns={[
            {
              title: t("ledger.col.code"),
              dataIndex: "code",
              render: (c: string, p) => <Link to={`/problems/${p.problemId}`}>{c}</Link>,
            },
            { title: t("ledger.col.title"), dataIndex: "title" },
            {
              title: t("ledger.col.leadOrg"),
              dataIndex: "leadOrgName",
              render: (v: string | null) => v ?? "",
            },
            { title: t("bodies.deadline"), dataIndex: "deadline", render: (v: string | null) => v ?? "" },
            { title: t("bodies.light"), dataIndex: "light", render: (l: string) => <LightTag light={l} /> },
            {
              title: "",
              render: (_, p) => (
                <Space size={4} wrap>
                  {p.reasons.map((r) => (
                    <Tag key={r} color={r === "red" ? "red" : "orange"}>
                      {r === "stuck"
                        ? t("session.proposedIdle", { days: p.idleWorkingDays })
                        : t(`agendaOrigin.${r}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t("common.actions"),
              render: (_, p) =>
                manage && (
                  <Button
                    size="small"
                    type="primary"
                    loading={propose.isPending && propose.variables?.problemId === p.problemId}
                    onClick={() => propose.mutate(p)}
                    data-testid="proposed-add"
                  >
                    {t("session.addToAgenda")}
                  </Button>
                ),
            },
          ]}
        />
      </Card>

      <Card
        title={t("session.attendance")}
        extra={button("attendance", t("session.recordAttendance"))}
        style={{ marginBottom: 16 }}
      >
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={s.attendance}
          data-testid="attendance"
          columns={[
            { title: t("meeting.memberOrg"), dataIndex: "orgName" },
            { title: t("meeting.liaison"), dataIndex: "liaisonName", render: (v: string | null) => v ?? "" },
            {
              title: t("common.status"),
              dataIndex: "present",
              render: (p: boolean | null) =>
                p === null ? (
                  <Tag>{t("session.notRecorded")}</Tag>
                ) : (
                  <Tag color={p ? "green" : "red"}>{t(p ? "session.present" : "session.absent")}</Tag>
                ),
            },
            {
              title: `${t("session.attendees")} / ${t("session.absenceReason")}`,
              render: (_, a) => (a.present === false ? a.absenceReason : a.attendees),
            },
          ]}
        />
      </Card>

      <Card
        title={t("session.minutes")}
        extra={button("minutes", t("session.recordMinutes"))}
        style={{ marginBottom: 16 }}
      >
        {s.minutes.text ? (
          <div data-testid="minutes">
            {s.minutes.docNumber && <p>{s.minutes.docNumber}</p>}
            <p style={{ whiteSpace: "pre-wrap" }}>{s.minutes.text}</p>
            {s.minutes.attachment && (
              <a href={`/api/v1/attachments/${s.minutes.attachment.id}`} target="_blank" rel="noreferrer">
                {s.minutes.attachment.name}
              </a>
            )}
          </div>
        ) : (
          <Empty description={t("session.noMinutes")} />
        )}
      </Card>

      <Card
        title={t("session.decisions")}
        extra={button("decision", t("session.recordDecision"))}
        data-testid="decisions"
      >
        <DecisionTable
          decisions={s.decisions}
          actions={(d) =>
            manage ? (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => setOpen({ kind: "toProblem", decision: d })}
                  data-testid="decision-to-problem"
                >
                  {t("session.toProblem")}
                </Button>
                <Button
                  size="small"
                  onClick={() => setOpen({ kind: "toTask", decision: d })}
                  data-testid="decision-to-task"
                >
                  {t("session.toTask")}
                </Button>
              </Space>
            ) : (
              <Tag>{t("session.notConverted")}</Tag>
            )
          }
        />
      </Card>

      {open?.kind === "agenda" && <AgendaDialog session={s} {...common} />}
      {open?.kind === "attendance" && <AttendanceDialog session={s} {...common} />}
      {open?.kind === "minutes" && <MinutesDialog session={s} {...common} />}
      {open?.kind === "decision" && <DecisionDialog session={s} {...common} />}
      {open?.kind === "toTask" && <ToTaskDialog decision={open.decision} {...common} />}
      {open?.kind === "toProblem" && (
        <ConvertToProblemDialog<SessionDetail>
          text={open.decision.text}
          defaultLeadOrg={
            open.decision.ownerOrgId
              ? { value: open.decision.ownerOrgId, label: open.decision.ownerOrgName ?? "" }
              : null
          }
          run={(input) => decisionToProblem(open.decision.id, input)}
          {...common}
        />
      )}
    </div>
  );
}
