import type { NoticeLevel, NoticeStatus } from "../../../contract/enums.ts";
import type { NoticeFilter, NoticeView } from "../../../contract/schemas/supervision.ts";
import type { Ctx } from "../../context.ts";
import type { SupervisionNoticesTable } from "../../db/schema.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { today } from "../calendar/shanghai-date.ts";
import { authorize, notFound } from "../errors.ts";
import { visibleProblem } from "../problems/ledger.queries.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { findProblemById, type LoadedProblem } from "../problems/problem.queries.ts";
import { noticeAbilities } from "./supervision.policy.ts";
import { orgNames, problemHeads } from "./supervision.shared.ts";

export type NoticeRow = SupervisionNoticesTable;

/** A notice whose item the actor may see (404 otherwise), with that item. */
export async function findNotice(
  ctx: Ctx,
  id: string,
): Promise<{ notice: NoticeRow; problem: LoadedProblem }> {
  const read = () =>
    ctx.db.selectFrom("supervisionNotices").selectAll().where("id", "=", id).executeTakeFirst();
  const head = await read();
  if (!head) throw notFound();
  const problem = await findProblemById(ctx, head.problemId);
  // Inside a command the item is now locked (PostgreSQL): read the notice again, so two answers cannot race.
  const notice = ctx.inTransaction ? ((await read()) ?? head) : head;
  return { notice, problem };
}

/** Views of a page of notices, in a fixed number of queries. */
export async function toNoticeViews(ctx: Ctx, rows: NoticeRow[]): Promise<NoticeView[]> {
  const [names, heads, files] = await Promise.all([
    orgNames(
      ctx,
      rows.flatMap((r) => [r.issuerOrgId, r.addresseeOrgId]),
    ),
    problemHeads(
      ctx,
      rows.map((r) => r.problemId),
    ),
    rows.length === 0
      ? []
      : ctx.db
          .selectFrom("attachments")
          .select(["id", "originalName", "entityId"])
          .where("entityType", "=", "notice_response")
          .where(
            "entityId",
            "in",
            rows.map((r) => r.id),
          )
          .execute(),
  ]);
  const day = today(ctx);
  return rows.map((n) => ({
    id: n.id,
    problemId: n.problemId,
    problemCode: heads.get(n.problemId)?.code ?? "",
    problemTitle: heads.get(n.problemId)?.title ?? "",
    level: n.level as NoticeLevel,
    docNumber: n.docNumber,
    issuerOrgId: n.issuerOrgId,
    issuerOrgName: names.get(n.issuerOrgId) ?? "",
    addresseeOrgId: n.addresseeOrgId,
    addresseeOrgName: names.get(n.addresseeOrgId) ?? "",
    title: n.title,
    body: n.body,
    requirements: n.requirements,
    responseDue: n.responseDue,
    overdue: n.status === "open" && n.responseDue < day,
    status: n.status as NoticeStatus,
    automatic: n.triggerKey !== null,
    responseText: n.responseText,
    responseAttachments: files
      .filter((f) => f.entityId === n.id)
      .map((f) => ({ id: f.id, originalName: f.originalName })),
    respondedByName: n.respondedByName,
    respondedAt: n.respondedAt,
    closedByName: n.closedByName,
    closedAt: n.closedAt,
    closeNote: n.closeNote,
    issuedByName: n.issuedByName,
    issuedAt: n.issuedAt,
    abilities: noticeAbilities(ctx.actor, {
      status: n.status as NoticeStatus,
      issuerPath: n.issuerPath,
      addresseePath: n.addresseePath,
    }),
  }));
}

/** One notice as the API shows it; 404 when its item is out of scope. */
export async function getNoticeView(ctx: Ctx, id: string): Promise<NoticeView> {
  const { notice } = await findNotice(ctx, id);
  const [view] = await toNoticeViews(ctx, [notice]);
  return view;
}

/**
 * Notices on items in scope, newest first. `mine=1`: the open ones addressed to a unit where the
 * actor works (unit lead or staff) — the notices waiting for their answer.
 */
export async function listNotices(ctx: Ctx, filter: NoticeFilter) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  let q = ctx.db
    .selectFrom("supervisionNotices")
    .where((eb) => visibleProblem(eb, ctx, "supervisionNotices.problemId"));
  if (filter.mine === "1") {
    q = q
      .where(scopePredicate("supervision_notices.addressee_path", ctx.actor, ["unit_lead", "unit_staff"]))
      .where("status", "=", "open");
  }
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.level) q = q.where("level", "=", filter.level);
  if (filter.problemId) q = q.where("problemId", "=", filter.problemId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy("issuedAt", "desc")
      .orderBy("id", "desc")
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { data: await toNoticeViews(ctx, rows), total: Number(count.n) };
}
