import { Button, Card, DatePicker, Empty, Form, Input, List, Radio, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { decideExtension, type Extension, requestExtension } from "../../api/extensions";
import type { ProblemDetail, TaskNode } from "../../api/problems";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n, useT } from "../../i18n/I18nProvider";
import { ActionModal } from "./ActionModal";
import { dateOnly } from "./dialogs/shared";

const STATUS_COLORS = { pending: "gold", approved: "success", refused: "default" } as const;

/** The request form (延期申请): a later date and the reason. */
export function RequestExtensionDialog({
  target,
  onClose,
}: {
  target: { kind: "task" | "problem"; id: string; title: string; deadline: string };
  onClose: () => void;
}) {
  const t = useT();
  const required = { required: true, message: t("common.required") };
  return (
    <ActionModal<{ newDeadline: Dayjs; reason: string }>
      title={t("extension.requestTitle", { what: target.title })}
      onClose={onClose}
      onDone={onClose}
      run={(v) => requestExtension(target, { newDeadline: dateOnly(v.newDeadline), reason: v.reason.trim() })}
    >
      <Typography.Paragraph type="secondary">
        {t("extension.currentDeadline", { date: formatDate(target.deadline) })}
      </Typography.Paragraph>
      <Form.Item
        name="newDeadline"
        label={t("extension.newDeadline")}
        rules={[
          required,
          {
            validator: (_, v: Dayjs | undefined) =>
              !v || dateOnly(v) > target.deadline
                ? Promise.resolve()
                : Promise.reject(new Error(t("extension.mustBeLater"))),
          },
        ]}
      >
        <DatePicker style={{ width: "100%" }} data-testid="extension-date" />
      </Form.Item>
      <Form.Item name="reason" label={t("extension.reason")} rules={[required, { max: 2000 }]}>
        <Input.TextArea rows={4} data-testid="extension-reason" />
      </Form.Item>
    </ActionModal>
  );
}

/** The decision form: approve or refuse, with a comment (required to refuse). */
function DecideExtensionDialog({ extension, onClose }: { extension: Extension; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ decision: "approve" | "refuse"; comment?: string }>();
  const decision = Form.useWatch("decision", form);
  return (
    <ActionModal<{ decision: "approve" | "refuse"; comment?: string }>
      title={t("extension.decideTitle")}
      form={form}
      onClose={onClose}
      onDone={onClose}
      initialValues={{ decision: "approve" }}
      run={(v) =>
        decideExtension(extension.id, { decision: v.decision, comment: v.comment?.trim() || undefined })
      }
    >
      <Typography.Paragraph>
        {t("extension.from", {
          old: formatDate(extension.oldDeadline),
          new: formatDate(extension.newDeadline),
        })}
        <br />
        <Typography.Text type="secondary">{extension.reason}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item name="decision" label={t("extension.decision")}>
        <Radio.Group data-testid="extension-decision">
          <Radio value="approve">{t("extension.approve")}</Radio>
          <Radio value="refuse">{t("extension.refuse")}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="comment"
        label={t("extension.comment")}
        rules={[{ required: decision === "refuse", message: t("extension.commentRequired") }, { max: 2000 }]}
      >
        <Input.TextArea rows={3} data-testid="extension-comment" />
      </Form.Item>
    </ActionModal>
  );
}

/** A task's 申请延期 button with its own form, shown when the task's abilities allow it. */
export function TaskExtensionButton({ task }: { task: TaskNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!task.abilities.requestExtension) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="task-requestExtension">
        {t("extension.request")}
      </Button>
      {open && (
        <RequestExtensionDialog
          target={{
            kind: "task",
            id: task.id,
            title: `${task.orgName} · ${task.title}`,
            deadline: task.deadline,
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** 延期申请: every request on the problem and its tasks, with the actions the user may take. */
export function ExtensionsCard({ problem }: { problem: ProblemDetail }) {
  const { t, lang } = useI18n();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<Extension | null>(null);
  const titleOf = (e: Extension) => {
    if (e.entityType === "problem") return t("extension.forProblem");
    const find = (nodes: TaskNode[]): TaskNode | undefined =>
      nodes.reduce<TaskNode | undefined>(
        (hit, n) => hit ?? (n.id === e.entityId ? n : find(n.children)),
        undefined,
      );
    const task = problem.measures.map((m) => find(m.tasks)).find(Boolean);
    return task ? `${t("extension.forTask")} · ${task.orgName}` : t("extension.forTask");
  };
  return (
    <Card
      title={t("extension.cardTitle")}
      size="small"
      data-testid="extensions-card"
      extra={
        problem.abilities.requestExtension && problem.deadline ? (
          <Button size="small" onClick={() => setRequesting(true)} data-testid="problem-requestExtension">
            {t("extension.request")}
          </Button>
        ) : null
      }
    >
      {problem.extensions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("extension.none")} />
      ) : (
        <List
          size="small"
          dataSource={problem.extensions}
          renderItem={(e) => (
            <List.Item
              data-testid="extension"
              data-status={e.status}
              actions={
                e.abilities.decide
                  ? [
                      <Button
                        key="decide"
                        size="small"
                        type="primary"
                        onClick={() => setDeciding(e)}
                        data-testid="extension-decide"
                      >
                        {t("extension.decide")}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space orientation="vertical" size={0}>
                <Space wrap>
                  <Typography.Text strong>{titleOf(e)}</Typography.Text>
                  <Tag color={STATUS_COLORS[e.status]}>{t(`extension.status.${e.status}`)}</Tag>
                </Space>
                <Typography.Text>
                  {t("extension.from", { old: formatDate(e.oldDeadline), new: formatDate(e.newDeadline) })}
                </Typography.Text>
                <Typography.Text type="secondary">{e.reason}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("extension.requestedBy", {
                    name: e.requestedByName,
                    at: formatDateTime(e.requestedAt, lang),
                  })}
                  {e.decidedAt &&
                    ` · ${t("extension.decidedBy", { name: e.decidedByName ?? "", at: formatDateTime(e.decidedAt, lang) })}`}
                  {e.comment && ` · ${e.comment}`}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {requesting && problem.deadline && (
        <RequestExtensionDialog
          target={{ kind: "problem", id: problem.id, title: problem.code, deadline: problem.deadline }}
          onClose={() => setRequesting(false)}
        />
      )}
      {deciding && <DecideExtensionDialog extension={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
