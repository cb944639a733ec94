import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Radio, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { CIRCULAR_TONES, NOTICE_LEVELS } from "../../../contract/enums";
import {
  closeNotice,
  decideProposal,
  issueCircular,
  type NoticeView,
  type ProposalView,
  respondToNotice,
  runSupervisionAction,
  type SupervisionAction,
} from "../../api/supervision";
import { useT } from "../../i18n/I18nProvider";
import { SvModal } from "./SvModal";

const METHODS = ["phone", "letter", "visit", "on_site"] as const;
const day = (d: Dayjs | undefined) => d?.format("YYYY-MM-DD");
const trim = (s: string | undefined) => s?.trim() || undefined;

function useRules() {
  const t = useT();
  return {
    text: (max: number) => [{ required: true, whitespace: true, message: t("common.required") }, { max }],
    pick: [{ required: true, message: t("common.required") }],
  };
}

/** The forms of the 督办 actions on one item, chosen by the ability that allows each. */
export function ItemActionDialog({
  problemId,
  action,
  onClose,
}: {
  problemId: string;
  action: SupervisionAction;
  onClose: () => void;
}) {
  const t = useT();
  const rules = useRules();
  const common = { problemId, onClose, title: t(`sv.action.${action}`) };
  if (action === "urge")
    return (
      <SvModal<{ method: (typeof METHODS)[number]; note: string }>
        {...common}
        run={(v) => runSupervisionAction(problemId, "urge", { method: v.method, note: v.note.trim() })}
      >
        <Form.Item name="method" label={t("sv.f.method")} rules={rules.pick}>
          <Radio.Group>
            {METHODS.map((m) => (
              <Radio key={m} value={m} data-testid={`urge-method-${m}`}>
                {t(`sv.method.${m}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t("sv.f.note")} rules={rules.text(2000)}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="urge-note" />
        </Form.Item>
      </SvModal>
    );
  if (action === "issueNotice")
    return (
      <SvModal<{
        level: (typeof NOTICE_LEVELS)[number];
        title?: string;
        body: string;
        requirements: string;
        responseDue?: Dayjs;
      }>
        {...common}
        width={640}
        initialValues={{ level: "red" }}
        run={(v) =>
          runSupervisionAction(problemId, "issueNotice", {
            level: v.level,
            title: trim(v.title),
            body: v.body.trim(),
            requirements: v.requirements.trim(),
            responseDue: day(v.responseDue),
          })
        }
      >
        <Form.Item name="level" label={t("sv.f.level")} rules={rules.pick}>
          <Radio.Group>
            {NOTICE_LEVELS.map((l) => (
              <Radio key={l} value={l} data-testid={`notice-level-${l}`}>
                {t(`sv.level.${l}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="title" label={t("sv.f.noticeTitle")} rules={[{ max: 200 }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t("sv.f.body")} rules={rules.text(5000)}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="requirements" label={t("sv.f.requirements")} rules={rules.text(2000)}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="notice-requirements" />
        </Form.Item>
        <Form.Item name="responseDue" label={t("sv.f.responseDue")}>
          <DatePicker style={{ width: "100%" }} data-testid="notice-due" />
        </Form.Item>
      </SvModal>
    );
  if (action === "list" || action === "requestDelisting")
    return (
      <SvModal<{ reason: string }>
        {...common}
        run={(v) => runSupervisionAction(problemId, action, { reason: v.reason.trim() })}
      >
        <Form.Item name="reason" label={t("sv.f.reason")} rules={rules.text(2000)}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="listing-reason" />
        </Form.Item>
      </SvModal>
    );
  if (action === "verifyDelisting")
    return (
      <SvModal<{ approve: boolean; note: string }>
        {...common}
        run={(v) =>
          runSupervisionAction(problemId, "verifyDelisting", { approve: v.approve, note: v.note.trim() })
        }
      >
        <Form.Item name="approve" label={t("sv.f.approve")} rules={rules.pick}>
          <Radio.Group>
            <Radio value={true}>{t("sv.f.approveYes")}</Radio>
            <Radio value={false}>{t("sv.f.approveNo")}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t("sv.f.verifyNote")} rules={rules.text(2000)}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </SvModal>
    );
  if (action === "interview")
    return (
      <SvModal<{
        heldAt: Dayjs;
        place: string;
        interviewer: string;
        interviewee: string;
        reason: string;
        commitments?: { text: string; deadline: Dayjs }[];
      }>
        {...common}
        width={680}
        run={(v) =>
          runSupervisionAction(problemId, "interview", {
            heldAt: v.heldAt.toISOString(),
            place: v.place.trim(),
            interviewer: v.interviewer.trim(),
            interviewee: v.interviewee.trim(),
            reason: v.reason.trim(),
            commitments: (v.commitments ?? []).map((c) => ({
              text: c.text.trim(),
              deadline: c.deadline.format("YYYY-MM-DD"),
            })),
          })
        }
      >
        <Form.Item name="heldAt" label={t("sv.f.heldAt")} rules={rules.pick}>
          <DatePicker showTime style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="place" label={t("sv.f.place")} rules={rules.text(200)}>
          <Input />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="interviewer"
            label={t("sv.f.interviewer")}
            rules={rules.text(100)}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="interviewee"
            label={t("sv.f.interviewee")}
            rules={rules.text(100)}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="reason" label={t("sv.f.reason")} rules={rules.text(2000)}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label={t("sv.f.commitments")}>
          <Form.List name="commitments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                    <Form.Item name={[f.name, "text"]} rules={rules.text(500)} style={{ width: 360 }}>
                      <Input placeholder={t("sv.f.commitmentText")} />
                    </Form.Item>
                    <Form.Item name={[f.name, "deadline"]} rules={rules.pick}>
                      <DatePicker placeholder={t("sv.f.commitmentDeadline")} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add()}
                  disabled={fields.length >= 20}
                >
                  {t("sv.f.addCommitment")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </SvModal>
    );
  return (
    <SvModal<{ subjectPerson: string; reason: string; referredTo: string }>
      {...common}
      danger
      run={(v) =>
        runSupervisionAction(problemId, "refer", {
          subjectPerson: v.subjectPerson.trim(),
          reason: v.reason.trim(),
          referredTo: v.referredTo.trim(),
        })
      }
    >
      <Form.Item name="subjectPerson" label={t("sv.f.subjectPerson")} rules={rules.text(100)}>
        <Input />
      </Form.Item>
      <Form.Item name="referredTo" label={t("sv.f.referredTo")} rules={rules.text(200)}>
        <Input />
      </Form.Item>
      <Form.Item name="reason" label={t("sv.f.reason")} rules={rules.text(2000)}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </SvModal>
  );
}

/** The unit's written answer to a notice. */
export function RespondDialog({ notice, onClose }: { notice: NoticeView; onClose: () => void }) {
  const t = useT();
  const rules = useRules();
  return (
    <SvModal<{ text: string }>
      title={`${t("sv.action.respond")} · ${notice.docNumber}`}
      problemId={notice.problemId}
      onClose={onClose}
      run={(v) => respondToNotice(notice.id, { text: v.text.trim() })}
    >
      <Form.Item name="text" label={t("sv.f.responseText")} rules={rules.text(5000)}>
        <Input.TextArea autoSize={{ minRows: 5 }} data-testid="notice-response" />
      </Form.Item>
    </SvModal>
  );
}

/** The issuer closes an answered notice. */
export function CloseNoticeDialog({ notice, onClose }: { notice: NoticeView; onClose: () => void }) {
  const t = useT();
  return (
    <SvModal<{ note?: string }>
      title={`${t("sv.action.close")} · ${notice.docNumber}`}
      problemId={notice.problemId}
      onClose={onClose}
      run={(v) => closeNotice(notice.id, trim(v.note))}
    >
      <Form.Item name="note" label={t("sv.f.closeNote")} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    </SvModal>
  );
}

/** A coordinator accepts or dismisses an escalation proposal. */
export function DecideDialog({
  proposal,
  accept,
  onClose,
}: {
  proposal: ProposalView;
  accept: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <SvModal<{ note?: string }>
      title={`${t(accept ? "sv.action.accept" : "sv.action.dismiss")} · ${t(`sv.proposalKind.${proposal.kind}`)}`}
      problemId={proposal.problemId}
      onClose={onClose}
      danger={!accept}
      run={(v) => decideProposal(proposal.id, accept, trim(v.note))}
    >
      <Form.Item name="note" label={t("sv.f.decisionNote")} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    </SvModal>
  );
}

/** 通报: a circular naming items by their ids (picked from the board's items). */
export function CircularDialog({
  items,
  onClose,
}: {
  items: { id: string; code: string; title: string }[];
  onClose: () => void;
}) {
  const t = useT();
  const rules = useRules();
  return (
    <SvModal<{
      title: string;
      docNumber: string;
      tone: (typeof CIRCULAR_TONES)[number];
      body: string;
      problemIds?: string[];
    }>
      title={t("sv.action.newCircular")}
      width={680}
      onClose={onClose}
      initialValues={{ tone: "critical" }}
      run={(v) =>
        issueCircular({
          title: v.title.trim(),
          docNumber: v.docNumber.trim(),
          tone: v.tone,
          body: v.body.trim(),
          problemIds: v.problemIds ?? [],
        })
      }
    >
      <Form.Item name="title" label={t("sv.f.circularTitle")} rules={rules.text(200)}>
        <Input />
      </Form.Item>
      <Form.Item name="docNumber" label={t("sv.f.docNumber")} rules={rules.text(60)}>
        <Input placeholder="桂整改通〔2026〕1号" />
      </Form.Item>
      <Form.Item name="tone" label={t("sv.f.tone")} rules={rules.pick}>
        <Radio.Group>
          {CIRCULAR_TONES.map((x) => (
            <Radio key={x} value={x}>
              {t(`sv.tone.${x}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="body" label={t("sv.f.circularBody")} rules={rules.text(10000)}>
        <Input.TextArea autoSize={{ minRows: 5 }} />
      </Form.Item>
      <Form.Item name="problemIds" label={t("sv.f.problemIds")}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
        />
      </Form.Item>
    </SvModal>
  );
}
