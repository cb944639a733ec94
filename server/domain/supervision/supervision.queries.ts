import type {
  ListingStatus,
  ProposalKind,
  ProposalStatus,
  UrgingKind,
  UrgingMethod,
} from "../../../contract/enums.ts";
import type {
  BoardLight,
  BoardView,
  ListingView,
  ProblemSupervisionView,
  ProposalView,
} from "../../../contract/schemas/supervision.ts";
import type { Ctx } from "../../context.ts";
import type { EscalationProposalsTable, ListingsTable } from "../../db/schema.ts";
import { holdsRole } from "../access/actor.ts";
import { today } from "../calendar/shanghai-date.ts";
import { authorize, notFound } from "../errors.ts";
import { keptValue } from "../problems/ledger.count.ts";
import { problemScope, visibleProblem } from "../problems/ledger.queries.ts";
import { LEDGER_ROLES } from "../problems/problem.policy.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { toNoticeViews } from "./notice.queries.ts";
import { proposalPolicy, supervisionPolicy } from "./supervision.policy.ts";
import { orgNames, problemHeads } from "./supervision.shared.ts";

const ACTIVE = ["assigned", "rectifying", "ongoing", "closeout_requested", "public_review"];

async function toListingViews(ctx: Ctx, rows: ListingsTable[]): Promise<ListingView[]> {
  const heads = await problemHeads(
    ctx,
    rows.map((r) => r.problemId),
  );
  const names = await orgNames(
    ctx,
    [...heads.values()].map((h) => h.leadOrgId),
  );
  return rows.map((l) => {
    const h = heads.get(l.problemId);
    return {
      id: l.id,
      problemId: l.problemId,
      problemCode: h?.code ?? "",
      problemTitle: h?.title ?? "",
      leadOrgName: (h?.leadOrgId && names.get(h.leadOrgId)) || null,
      status: l.status as ListingStatus,
      reason: l.reason,
      listedByName: l.listedByName,
      listedAt: l.listedAt,
      delistReason: l.delistReason,
      delistRequestedByName: l.delistRequestedByName,
      delistRequestedAt: l.delistRequestedAt,
      verifyNote: l.verifyNote,
      verifiedByName: l.verifiedByName,
      delistedAt: l.delistedAt,
    };
  });
}

async function toProposalViews(ctx: Ctx, rows: EscalationProposalsTable[]): Promise<ProposalView[]> {
  const heads = await problemHeads(
    ctx,
    rows.map((r) => r.problemId),
  );
  return rows.map((p) => ({
    id: p.id,
    problemId: p.problemId,
    problemCode: heads.get(p.problemId)?.code ?? "",
    problemTitle: heads.get(p.problemId)?.title ?? "",
    kind: p.kind as ProposalKind,
    status: p.status as ProposalStatus,
    reason: p.reason,
    decidedByName: p.decidedByName,
    decidedAt: p.decidedAt,
    decisionNote: p.decisionNote,
    createdAt: p.createdAt,
    abilities: {
      decide: proposalPolicy.decide(ctx.actor, {
        status: p.status as ProposalStatus,
        addresseePath: p.addresseePath,
      }),
    },
  }));
}

/** The 督办 card of one item: its urgings, notices, listing, interviews, referrals and proposals. */
export async function getProblemSupervision(ctx: Ctx, problemId: string): Promise<ProblemSupervisionView> {
  const problem = await findProblemById(ctx, problemId);
  const db = ctx.db;
  const [urgings, notices, listings, interviews, referrals, proposals] = await Promise.all([
    db
      .selectFrom("urgings")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("createdAt", "desc")
      .execute(),
    db
      .selectFrom("supervisionNotices")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("issuedAt", "desc")
      .execute(),
    db
      .selectFrom("listings")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("listedAt", "desc")
      .execute(),
    db
      .selectFrom("interviews")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("heldAt", "desc")
      .execute(),
    db
      .selectFrom("accountabilityReferrals")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("createdAt", "desc")
      .execute(),
    db
      .selectFrom("escalationProposals")
      .selectAll()
      .where("problemId", "=", problemId)
      .orderBy("createdAt", "desc")
      .execute(),
  ]);
  const names = await orgNames(ctx, [
    ...urgings.map((u) => u.orgId),
    ...interviews.map((i) => i.intervieweeOrgId),
    ...referrals.map((r) => r.subjectOrgId),
  ]);
  const current = listings.find((l) => l.openKey !== null) ?? null;
  const ref = problem.ref;
  const a = ctx.actor;
  return {
    problemId,
    urgings: urgings.map((u) => ({
      id: u.id,
      problemId: u.problemId,
      taskId: u.taskId,
      kind: u.kind as UrgingKind,
      method: u.method as UrgingMethod,
      orgId: u.orgId,
      orgName: names.get(u.orgId) ?? "",
      note: u.note,
      rule: u.rule,
      createdByName: u.createdByName,
      createdAt: u.createdAt,
    })),
    notices: await toNoticeViews(ctx, notices),
    listing: current ? (await toListingViews(ctx, [current]))[0] : null,
    interviews: interviews.map((i) => ({
      id: i.id,
      problemId: i.problemId,
      heldAt: i.heldAt,
      place: i.place,
      interviewer: i.interviewer,
      interviewee: i.interviewee,
      intervieweeOrgId: i.intervieweeOrgId,
      intervieweeOrgName: names.get(i.intervieweeOrgId) ?? "",
      reason: i.reason,
      commitments: JSON.parse(i.commitmentsJson),
      createdByName: i.createdByName,
      createdAt: i.createdAt,
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      problemId: r.problemId,
      subjectOrgId: r.subjectOrgId,
      subjectOrgName: (r.subjectOrgId && names.get(r.subjectOrgId)) || null,
      subjectPerson: r.subjectPerson,
      reason: r.reason,
      referredTo: r.referredTo,
      createdByName: r.createdByName,
      createdAt: r.createdAt,
    })),
    proposals: await toProposalViews(ctx, proposals),
    abilities: {
      urge: supervisionPolicy.urge(a, ref),
      issueNotice: supervisionPolicy.issueNotice(a, ref),
      list: supervisionPolicy.list(a, ref) && !current,
      requestDelisting: supervisionPolicy.requestDelisting(a, ref) && current?.status === "listed",
      verifyDelisting:
        supervisionPolicy.verifyDelisting(a, ref) &&
        current?.status === "delisting_requested" &&
        current.delistRequestedBy !== a.userId,
      interview: supervisionPolicy.interview(a, ref),
      interviewWithCommitments: supervisionPolicy.interviewWithCommitments(a, ref),
      refer: supervisionPolicy.refer(a, ref),
    },
  };
}

/** One proposal; 404 when its item is out of scope. */
export async function getProposalView(ctx: Ctx, id: string): Promise<ProposalView> {
  const row = await ctx.db
    .selectFrom("escalationProposals")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  await findProblemById(ctx, row.problemId);
  return (await toProposalViews(ctx, [row]))[0];
}

/** Escalation proposals on items in scope; `abilities.decide` marks those waiting on this coordinator. */
export async function listProposals(ctx: Ctx, filter: { status?: ProposalStatus }) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  let q = ctx.db
    .selectFrom("escalationProposals")
    .selectAll()
    .where((eb) => visibleProblem(eb, ctx, "escalationProposals.problemId"));
  if (filter.status) q = q.where("status", "=", filter.status);
  const rows = await q.orderBy("createdAt", "desc").orderBy("id").limit(200).execute();
  return { data: await toProposalViews(ctx, rows), total: rows.length };
}

/** Items listed for supervision (挂牌督办) within the actor's scope, current ones first. */
export async function listListings(ctx: Ctx) {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const rows = await ctx.db
    .selectFrom("listings")
    .selectAll()
    .where((eb) => visibleProblem(eb, ctx, "listings.problemId"))
    .where("openKey", "is not", null)
    .orderBy("listedAt", "desc")
    .limit(200)
    .execute();
  return { data: await toListingViews(ctx, rows), total: rows.length };
}

/** What the public sees of 挂牌督办: code, title, lead unit, reason and date of every listed item. */
export async function listPublicListings(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom("listings")
    .innerJoin("problems", "problems.id", "listings.problemId")
    .leftJoin("orgs", "orgs.id", "problems.leadOrgId")
    .select([
      "problems.code",
      "problems.title",
      "orgs.name as leadOrgName",
      "listings.reason",
      "listings.listedAt",
    ])
    .where("listings.openKey", "is not", null)
    .orderBy("listings.listedAt", "desc")
    .limit(200)
    .execute();
  return rows;
}

const parseReasons = (json: string | null): { zh: string; en: string }[] => {
  try {
    const list = JSON.parse(json ?? "[]") as unknown;
    if (!Array.isArray(list)) return [];
    return list.map((r) =>
      typeof r === "string"
        ? { zh: r, en: r }
        : { zh: String(r?.zh ?? ""), en: String(r?.en ?? r?.zh ?? "") },
    );
  } catch {
    return [];
  }
};

const BOARD_LIMIT = 50;

/** 督办中心 board: items in scope counted by light, the red, orange and yellow ones listed, and the ladder's totals. */
export async function getSupervisionBoard(ctx: Ctx): Promise<BoardView> {
  authorize(holdsRole(ctx.actor, LEDGER_ROLES));
  const inScope = ctx.db
    .selectFrom("problems")
    .where((eb) => problemScope(eb, ctx))
    .where("problems.status", "in", ACTIVE);
  const itemsOf = (light: BoardLight) =>
    inScope
      .leftJoin("orgs", "orgs.id", "problems.leadOrgId")
      .select([
        "problems.id",
        "problems.code",
        "problems.title",
        "orgs.name as leadOrgName",
        "problems.deadline",
        "problems.progress",
        "problems.plannedProgress",
        "problems.light",
        "problems.lightReasonsJson",
      ])
      .where("problems.light", "=", light)
      .orderBy("problems.deadline")
      .orderBy("problems.id")
      .limit(BOARD_LIMIT)
      .execute();
  const count = (n: { n: number | string | bigint } | undefined) => Number(n?.n ?? 0);
  const [byLight, red, orange, yellow, open, overdue, listed] = await Promise.all([
    // Every active item in scope is counted; kept until the database changes (see keptValue).
    keptValue(ctx, `board:${JSON.stringify([ctx.actor.kind, ctx.actor.grants])}`, () =>
      ctx.db
        .selectFrom("problems")
        .where((eb) => problemScope(eb, ctx, "set"))
        .where("problems.status", "in", ACTIVE)
        .select(["problems.light", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("problems.light")
        .execute(),
    ),
    itemsOf("red"),
    itemsOf("orange"),
    itemsOf("yellow"),
    ctx.db
      .selectFrom("supervisionNotices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "open")
      .where((eb) => visibleProblem(eb, ctx, "supervisionNotices.problemId"))
      .executeTakeFirst(),
    ctx.db
      .selectFrom("supervisionNotices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "open")
      .where("responseDue", "<", today(ctx))
      .where((eb) => visibleProblem(eb, ctx, "supervisionNotices.problemId"))
      .executeTakeFirst(),
    ctx.db
      .selectFrom("listings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("openKey", "is not", null)
      .where((eb) => visibleProblem(eb, ctx, "listings.problemId"))
      .executeTakeFirst(),
  ]);
  const pending = await ctx.db
    .selectFrom("escalationProposals")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .where((eb) => visibleProblem(eb, ctx, "escalationProposals.problemId"))
    .executeTakeFirst();
  const counts = { red: 0, orange: 0, yellow: 0, green: 0 };
  for (const r of byLight) if (r.light in counts) counts[r.light as BoardLight] = Number(r.n);
  const item = (r: Awaited<ReturnType<typeof itemsOf>>[number]) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    leadOrgName: r.leadOrgName,
    deadline: r.deadline,
    progress: r.progress,
    plannedProgress: r.plannedProgress,
    light: r.light as BoardLight,
    reasons: parseReasons(r.lightReasonsJson),
  });
  return {
    counts,
    items: { red: red.map(item), orange: orange.map(item), yellow: yellow.map(item) },
    openNotices: count(open),
    overdueNotices: count(overdue),
    listed: count(listed),
    pendingProposals: count(pending),
  };
}
