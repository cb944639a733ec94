import type { NoticeLevel, NoticeStatus } from "../../../contract/enums.ts";
import type { NoticeView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { bindAttachments } from "../attachments/attachment.commands.ts";
import { loadCalendar } from "../calendar/calendar.queries.ts";
import { shanghaiYear, today } from "../calendar/shanghai-date.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { escalationSettings } from "../campaigns/campaign.settings.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { findProblemById, type LoadedProblem } from "../problems/problem.queries.ts";
import { nextCounter } from "../problems/problem-code.ts";
import { findNotice, getNoticeView } from "./notice.queries.ts";
import { issuingGrant, noticePolicy, supervisionPolicy } from "./supervision.policy.ts";
import { auditItem, requireSupervisable } from "./supervision.shared.ts";

export interface IssueNoticeInput {
  problemId: string;
  level: NoticeLevel;
  title?: string;
  body: string;
  requirements: string;
  responseDue?: string;
  /** Set by the automatic rules: the same trigger never issues twice. */
  triggerKey?: string;
}

/**
 * The next number of an issuing org's notices this year, e.g. 督办〔2026〕12号. The counter row is
 * advanced inside the issuing transaction: a failed issue rolls it back (no gaps), and the row
 * lock (PostgreSQL) or the single writer (SQLite) keeps concurrent issuers apart (no duplicates).
 */
export async function nextNoticeNumber(ctx: Ctx, issuerOrgId: string) {
  const year = shanghaiYear(ctx.now());
  const seq = await nextCounter(ctx, `notice:${issuerOrgId}:${year}`);
  return { year, seq, docNumber: `${ctx.config.noticeNumberPrefix}〔${year}〕${seq}号` };
}

/** The org a notice goes out from: the issuer's own supervising org, or for the rules the item's registering office. */
async function issuingOrg(ctx: Ctx, problem: LoadedProblem) {
  if (ctx.actor.kind === "system") return { id: problem.ownerOrgId, path: problem.ownerPath };
  const grant = issuingGrant(ctx.actor, [problem.ownerPath, problem.leadPath]);
  if (!grant) throw new DomainError("forbidden");
  return { id: grant.orgId, path: grant.orgPath };
}

/** 409 when the item already has an open notice of this level (one item, one notice). */
async function requireNoOpenNotice(ctx: Ctx, problemId: string, level: NoticeLevel) {
  const open = await ctx.db
    .selectFrom("supervisionNotices")
    .select("id")
    .where("openKey", "=", `${problemId}:${level}`)
    .executeTakeFirst();
  if (open) throw new DomainError("notice_already_open", { level });
}

/**
 * Issues a numbered 督办单 (blue, yellow or red) to the item's responsible unit with a response due
 * date (default: the campaign's N working days). Supervisors and coordinators over the item.
 */
export async function issueSupervisionNotice(ctx: Ctx, input: IssueNoticeInput): Promise<NoticeView> {
  return inTx(ctx, async (ctx) => {
    const problem = await findProblemById(ctx, input.problemId);
    requireSupervisable(problem);
    authorize(supervisionPolicy.issueNotice(ctx.actor, problem.ref));
    await requireNoOpenNotice(ctx, problem.id, input.level);
    const campaign = await ctx.db
      .selectFrom("campaigns")
      .select("settingsJson")
      .where("id", "=", problem.campaignId)
      .executeTakeFirstOrThrow();
    const day = today(ctx);
    const due =
      input.responseDue ??
      addWorkingDays(
        await loadCalendar(ctx),
        day,
        escalationSettings(campaign.settingsJson).noticeResponseDays,
      );
    if (due < day) throw invalid("response_due_past", "responseDue");
    const issuer = await issuingOrg(ctx, problem);
    const { year, seq, docNumber } = await nextNoticeNumber(ctx, issuer.id);
    const id = newId();
    const title = input.title?.trim() || `关于督促加快整改“${problem.title}”问题的督办通知`;
    await ctx.db
      .insertInto("supervisionNotices")
      .values({
        id,
        problemId: problem.id,
        level: input.level,
        docNumber,
        year,
        seq,
        issuerOrgId: issuer.id,
        issuerPath: issuer.path,
        addresseeOrgId: problem.leadOrgId as string,
        addresseePath: problem.leadPath as string,
        title,
        body: input.body.trim(),
        requirements: input.requirements.trim(),
        responseDue: due,
        status: "open",
        openKey: `${problem.id}:${input.level}`,
        triggerKey: input.triggerKey ?? null,
        responseText: null,
        responseAttachmentsJson: null,
        respondedBy: null,
        respondedByName: null,
        respondedAt: null,
        closedBy: null,
        closedByName: null,
        closedAt: null,
        closeNote: null,
        issuedBy: ctx.actor.userId,
        issuedByName: ctx.actor.name,
        issuedAt: iso(ctx.now()),
      })
      .execute();
    await auditItem(ctx, problem, "notice.issued", {
      noticeId: id,
      docNumber,
      level: input.level,
      title,
      issuerOrgId: issuer.id,
      addresseeOrgId: problem.leadOrgId,
      responseDue: due,
      ...(input.triggerKey && { automatic: true }),
    });
    return getNoticeView(ctx, id);
  });
}

function guardNotice(status: string, wanted: NoticeStatus) {
  if (status === wanted) return;
  if (wanted === "responded" && status === "open") throw new DomainError("notice_not_responded");
  throw new DomainError("notice_not_open");
}

/** The addressed unit's written answer (书面回复), with optional evidence files. */
export async function respondToNotice(
  ctx: Ctx,
  input: { noticeId: string; text: string; attachmentIds?: string[] },
): Promise<NoticeView> {
  return inTx(ctx, async (ctx) => {
    const { notice, problem } = await findNotice(ctx, input.noticeId);
    guardNotice(notice.status, "open");
    authorize(noticePolicy.respond(ctx.actor, { ...notice, status: "open" }));
    const files = await bindAttachments(ctx, input.attachmentIds ?? [], {
      problemId: problem.id,
      entityType: "notice_response",
      entityId: notice.id,
    });
    await ctx.db
      .updateTable("supervisionNotices")
      .set({
        status: "responded",
        responseText: input.text.trim(),
        responseAttachmentsJson: JSON.stringify(files),
        respondedBy: ctx.actor.userId,
        respondedByName: ctx.actor.name,
        respondedAt: iso(ctx.now()),
      })
      .where("id", "=", notice.id)
      .where("status", "=", "open")
      .execute();
    // the issuer is the one to be told of the answer
    await auditItem(ctx, problem, "notice.responded", {
      noticeId: notice.id,
      docNumber: notice.docNumber,
      addresseeOrgId: notice.issuerOrgId,
      unitOrgId: notice.addresseeOrgId,
      attachmentIds: files,
    });
    return getNoticeView(ctx, notice.id);
  });
}

/** The issuer closes (办结) an answered notice; the item may then receive a new one of that level. */
export async function closeNotice(ctx: Ctx, input: { noticeId: string; note?: string }): Promise<NoticeView> {
  return inTx(ctx, async (ctx) => {
    const { notice, problem } = await findNotice(ctx, input.noticeId);
    guardNotice(notice.status, "responded");
    authorize(noticePolicy.close(ctx.actor, { ...notice, status: "responded" }));
    await ctx.db
      .updateTable("supervisionNotices")
      .set({
        status: "closed",
        openKey: null,
        closedBy: ctx.actor.userId,
        closedByName: ctx.actor.name,
        closedAt: iso(ctx.now()),
        closeNote: input.note?.trim() || null,
      })
      .where("id", "=", notice.id)
      .execute();
    await auditItem(ctx, problem, "notice.closed", {
      noticeId: notice.id,
      docNumber: notice.docNumber,
      addresseeOrgId: notice.addresseeOrgId,
    });
    return getNoticeView(ctx, notice.id);
  });
}
