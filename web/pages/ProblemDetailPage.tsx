import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Result, Row, Space, Spin } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../api/client";
import { fetchProblem, problemKey } from "../api/problems";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { ActionBar } from "./problem/ActionBar";
import { CloseOutCard } from "./problem/CloseOutCard";
import { ExtensionsCard } from "./problem/ExtensionsCard";
import { LightCard } from "./problem/LightCard";
import { MeasuresCard } from "./problem/MeasuresCard";
import { PortraitCard } from "./problem/PortraitCard";
import { type Dialog, ProblemDialogs } from "./problem/ProblemDialogs";
import { ProblemHeader } from "./problem/ProblemHeader";
import { ReportsCard } from "./problem/ReportsCard";
import { SatisfactionCard } from "./problem/SatisfactionCard";
import { SourceCard } from "./problem/SourceCard";
import { SupervisionCard } from "./problem/SupervisionCard";
import { TimelineCard } from "./problem/TimelineCard";

/** 问题详情: one item's portrait, measures and task tree, reports, close-out, review and timeline. */
export function ProblemDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const query = useQuery({ queryKey: problemKey(id), queryFn: () => fetchProblem(id), enabled: Boolean(id) });

  const back = (
    <Link to="/problems">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
        data-testid="back-to-ledger"
      >
        {t("problem.backToLedger")}
      </Button>
    </Link>
  );

  if (query.isPending) return <Spin size="large" style={{ display: "block", margin: "80px auto" }} />;
  if (query.error || !query.data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("problem.notFound") : t("common.loadFailed")}
        subTitle={notFound ? undefined : errorMessage(query.error, lang, t)}
        extra={back}
      />
    );
  }
  const problem = query.data;
  const close = () => setDialog(null);

  return (
    <div data-testid="problem-detail" data-problem-id={problem.id}>
      {back}
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <ProblemHeader
          problem={problem}
          actions={
            <ActionBar problem={problem} onAction={(action) => setDialog({ kind: "problem", action })} />
          }
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={16} style={{ width: "100%" }}>
              <PortraitCard problem={problem} />
              <SourceCard problem={problem} />
              <MeasuresCard
                problem={problem}
                onDecompose={(measure) => setDialog({ kind: "measure", measure })}
                onTaskAction={(action, task) => setDialog({ kind: "task", action, task })}
              />
              <ReportsCard problem={problem} />
              <CloseOutCard problem={problem} />
              <SatisfactionCard satisfaction={problem.satisfaction} />
              <SupervisionCard problemId={problem.id} />
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size={16} style={{ width: "100%" }}>
              <LightCard problem={problem} />
              <ExtensionsCard problem={problem} />
              <TimelineCard problemId={problem.id} />
            </Space>
          </Col>
        </Row>
      </Space>
      <ProblemDialogs problem={problem} dialog={dialog} onClose={close} />
    </div>
  );
}
