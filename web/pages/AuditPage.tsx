import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Space, Table, type TableColumnsType, Typography } from "antd";
import { useState } from "react";
import { type AuditFilters, listAudit, verifyAuditChain } from "../api/audit";
import type { AuditEvent, AuditVerifyResult } from "../api/types";
import { errorMessage, formatDateTime } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { AuditFilterBar } from "./audit/AuditFilterBar";
import { FullVerificationCard, VERIFICATIONS_KEY } from "./audit/FullVerificationCard";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" };

/** The sentence for a request's bounded check: from the start, from a checkpoint, cut or broken. */
function verifyMessage(r: AuditVerifyResult, i18n: ReturnType<typeof useI18n>): string {
  const { t, tx, lang } = i18n;
  const bad = r.firstBad;
  if (bad?.reason === "checkpoint_missing")
    return t("audit.verifyCut", {
      seq: bad.seq,
      at: formatDateTime(bad.checkpointAt ?? null, lang),
      end: bad.chainEnd ?? "?",
    });
  if (bad)
    return t("audit.verifyBad", {
      seq: bad.seq,
      reason: tx(`audit.reason.${bad.reason}`, bad.reason),
      count: r.count,
    });
  const head = r.fromSeq
    ? t("audit.verifyTailOk", { from: r.fromSeq, count: r.count })
    : t("audit.verifyOk", { count: r.count });
  return r.complete === false
    ? `${head}${t("audit.verifyIncomplete", { through: r.throughSeq ?? 0 })}`
    : head;
}

function VerifyChain() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: verifyAuditChain,
    onSuccess: (r) =>
      queryClient.setQueryData(VERIFICATIONS_KEY, { running: r.running ?? null, last: r.lastFull ?? null }),
  });
  const r = verify.data;
  return (
    <Space orientation="vertical" style={{ width: "100%", marginBottom: 16 }}>
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
        data-testid="audit-verify"
      >
        {t("audit.verify")}
      </Button>
      {r && (
        <Alert
          data-testid="audit-verify-result"
          type={r.ok ? "success" : "error"}
          showIcon
          title={verifyMessage(r, i18n)}
        />
      )}
      {verify.error && (
        <Alert
          data-testid="audit-verify-result"
          type="error"
          showIcon
          title={errorMessage(verify.error, lang, t)}
        />
      )}
    </Space>
  );
}

/** The tamper-evident audit trail, newest first, with filters and chain verification. */
export function AuditPage() {
  const { t, tx, lang } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const query = useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) => listAudit(filters, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  const columns: TableColumnsType<AuditEvent> = [
    { title: t("audit.seq"), dataIndex: "seq", key: "seq", width: 90 },
    {
      title: t("audit.time"),
      dataIndex: "at",
      key: "at",
      width: 190,
      render: (at: string) => formatDateTime(at, lang),
    },
    {
      title: t("audit.actor"),
      key: "actor",
      render: (_, e) => e.actorName ?? e.actorId ?? t("audit.system"),
    },
    {
      title: t("audit.type"),
      dataIndex: "type",
      key: "type",
      render: (type: string) => <span title={type}>{tx(`audit.type.${type}`, type)}</span>,
    },
    {
      title: t("audit.entity"),
      key: "entity",
      render: (_, e) => (
        <span>
          {tx(`audit.entityType.${e.entityType}`, e.entityType)}{" "}
          <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }} copyable={{ text: e.entityId }}>
            {e.entityId}
          </Typography.Text>
        </span>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={3}>{t("audit.title")}</Typography.Title>
      <Card>
        <FullVerificationCard />
        <VerifyChain />
        <AuditFilterBar onChange={setFilters} />
        {query.error && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(query.error, lang, t)}
            style={{ marginBottom: 16 }}
          />
        )}
        <div data-testid="audit-table">
          <Table<AuditEvent>
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={query.isFetching && !query.isFetchingNextPage}
            pagination={false}
            expandable={{
              columnTitle: t("audit.data"),
              expandedRowRender: (e) => (
                <pre style={{ ...mono, margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                  {JSON.stringify({ data: e.data, ip: e.ip ?? undefined, hash: e.hash }, null, 2)}
                </pre>
              ),
            }}
          />
        </div>
        <div style={{ textAlign: "center", marginTop: 16 }}>
          {query.hasNextPage ? (
            <Button
              onClick={() => query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              data-testid="audit-load-more"
            >
              {t("audit.loadMore")}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t("audit.noMore")}</Typography.Text>
          )}
        </div>
      </Card>
    </div>
  );
}
