import { sql } from "kysely";
import type { HouseholdKind, ResearchMethod, ResearchOutcomeKind } from "../../../contract/enums.ts";
import type { ResearchDetailView, ResearchListFilter } from "../../../contract/schemas/research.ts";
import type { Ctx } from "../../context.ts";
import type { ResearchVisitsTable } from "../../db/schema.ts";
import { holdsRole } from "../access/actor.ts";
import { scopePredicate } from "../access/scope.ts";
import { inSubtree } from "../access/subtree.ts";
import { authorize, notFound } from "../errors.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { RESEARCH_READERS, researchAbilities, researchPolicy } from "./research.policy.ts";
import { loadSites } from "./research.sites.ts";

/** A research visit the actor may see; 404 otherwise, so existence is not revealed. */
export async function findResearchById(ctx: Ctx, id: string): Promise<ResearchVisitsTable> {
  let q = ctx.db.selectFrom("researchVisits").selectAll().where("id", "=", id);
  if (ctx.inTransaction && ctx.engine === "postgres") q = q.forUpdate();
  const visit = await q.executeTakeFirst();
  if (!visit || !researchPolicy.read(ctx.actor, visit)) throw notFound();
  return visit;
}

/** How many rows of a research child table belong to the visit in the outer query. */
const count = (table: "research_sites" | "research_symposia" | "research_findings", alias: string) =>
  sql<number>`(SELECT COUNT(*) FROM ${sql.table(table)} x WHERE x.visit_id = research_visits.id)`.as(alias);

/** Research visits in the actor's scope, newest first, by period, org subtree, leading official or topic. */
export async function listResearch(ctx: Ctx, f: ResearchListFilter = {}) {
  authorize(holdsRole(ctx.actor, RESEARCH_READERS));
  let q = ctx.db
    .selectFrom("researchVisits")
    .innerJoin("orgs", "orgs.id", "researchVisits.orgId")
    .selectAll("researchVisits")
    .select("orgs.name as orgName")
    .select([
      count("research_sites", "siteCount"),
      count("research_symposia", "symposiumCount"),
      count("research_findings", "findingCount"),
      sql<number>`(SELECT COUNT(*) FROM research_findings x WHERE x.visit_id = research_visits.id AND x.problem_id IS NOT NULL)`.as(
        "problemCount",
      ),
    ])
    .where(scopePredicate("research_visits.org_path", ctx.actor, RESEARCH_READERS));
  if (f.from) q = q.where("researchVisits.startsOn", ">=", f.from);
  if (f.to) q = q.where("researchVisits.startsOn", "<=", f.to);
  if (f.leadUserId) q = q.where("researchVisits.leadUserId", "=", f.leadUserId);
  if (f.orgId) {
    const org = await findOrgById(ctx, f.orgId);
    q = q.where(inSubtree("research_visits.org_path", org.path));
  }
  if (f.q) {
    const escaped = f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`research_visits.topic LIKE ${`%${escaped}%`} ESCAPE '\\'`,
        sql<boolean>`research_visits.lead_name LIKE ${`%${escaped}%`} ESCAPE '\\'`,
      ]),
    );
  }
  const rows = await q
    .orderBy("researchVisits.startsOn", "desc")
    .orderBy("researchVisits.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    orgId: r.orgId,
    orgName: r.orgName,
    leadUserId: r.leadUserId,
    leadName: r.leadName,
    leadTitle: r.leadTitle,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    siteCount: Number(r.siteCount),
    householdsVisited: r.householdsVisited,
    householdsConsoled: r.householdsConsoled,
    symposiumCount: Number(r.symposiumCount),
    findingCount: Number(r.findingCount),
    problemCount: Number(r.problemCount),
  }));
}

/** What an outcome's linked record is called, when the actor may see it. */
async function outcomeRecords(ctx: Ctx, rows: { recordType: string | null; recordId: string | null }[]) {
  const ids = (type: string) => rows.filter((r) => r.recordType === type).map((r) => r.recordId as string);
  const labels = new Map<string, { label: string; problemId: string | null }>();
  const problemIds = ids("problem");
  if (problemIds.length > 0) {
    for (const p of await ctx.db
      .selectFrom("problems")
      .select(["id", "code", "title"])
      .where("id", "in", problemIds)
      .execute())
      labels.set(p.id, { label: `${p.code} ${p.title}`, problemId: p.id });
  }
  const measureIds = ids("measure");
  if (measureIds.length > 0) {
    for (const m of await ctx.db
      .selectFrom("measures")
      .innerJoin("problems", "problems.id", "measures.problemId")
      .select([
        "measures.id",
        "measures.title",
        "measures.seqNo",
        "problems.code",
        "problems.id as problemId",
      ])
      .where("measures.id", "in", measureIds)
      .execute())
      labels.set(m.id, { label: `${m.code} (${m.seqNo}) ${m.title}`, problemId: m.problemId });
  }
  const decisionIds = ids("meeting_decision");
  if (decisionIds.length > 0) {
    for (const d of await ctx.db
      .selectFrom("meetingDecisions")
      .select(["id", "text", "seqNo", "problemId"])
      .where("id", "in", decisionIds)
      .execute())
      labels.set(d.id, { label: `${d.seqNo}. ${d.text}`, problemId: d.problemId });
  }
  return labels;
}

/** The detail page of one visit: sites, households, symposia, findings and what each became, outcomes. */
export async function getResearchDetail(ctx: Ctx, id: string): Promise<ResearchDetailView> {
  const v = await findResearchById(ctx, id);
  const db = ctx.db;
  const [org, sites, symposia, findings, suggestions, outcomes, report] = await Promise.all([
    db.selectFrom("orgs").select("name").where("id", "=", v.orgId).executeTakeFirstOrThrow(),
    loadSites(ctx, [id]),
    db.selectFrom("researchSymposia").selectAll().where("visitId", "=", id).orderBy("seqNo").execute(),
    db
      .selectFrom("researchFindings")
      .leftJoin("orgs", "orgs.id", "researchFindings.orgId")
      .leftJoin("problems", "problems.id", "researchFindings.problemId")
      .selectAll("researchFindings")
      .select([
        "orgs.name as orgName",
        "problems.code as problemCode",
        "problems.title as problemTitle",
        "problems.status as problemStatus",
        "problems.closureKind as problemClosureKind",
        "problems.rectifyType as problemRectifyType",
      ])
      .where("researchFindings.visitId", "=", id)
      .orderBy("researchFindings.seqNo")
      .execute(),
    db.selectFrom("researchSuggestions").selectAll().where("visitId", "=", id).orderBy("seqNo").execute(),
    db.selectFrom("researchOutcomes").selectAll().where("visitId", "=", id).orderBy("seqNo").execute(),
    v.reportAttachmentId
      ? db
          .selectFrom("attachments")
          .select(["id", "originalName", "mime", "size"])
          .where("id", "=", v.reportAttachmentId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const labels = await outcomeRecords(ctx, outcomes);
  return {
    id: v.id,
    topic: v.topic,
    orgId: v.orgId,
    orgName: org.name,
    leadUserId: v.leadUserId,
    leadName: v.leadName,
    leadTitle: v.leadTitle,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    participants: JSON.parse(v.participantsJson) as string[],
    methods: JSON.parse(v.methodsJson) as ResearchMethod[],
    siteCount: sites.length,
    sites: sites.map((s) => ({
      id: s.orgId,
      name: s.name,
      kind: s.kind,
      cityName: s.cityName,
      countyName: s.countyName,
    })),
    householdsVisited: v.householdsVisited,
    householdsConsoled: v.householdsConsoled,
    households: (
      JSON.parse(v.householdsJson) as { kind: HouseholdKind; name: string; place?: string; note?: string }[]
    ).map((h) => ({ kind: h.kind, name: h.name, place: h.place ?? null, note: h.note ?? null })),
    symposiumCount: symposia.length,
    symposia: symposia.map((s) => ({
      id: s.id,
      seqNo: s.seqNo,
      heldOn: s.heldOn,
      place: s.place,
      groups: JSON.parse(s.groupsJson) as string[],
      participantCount: s.participantCount,
    })),
    summary: v.summary,
    findingCount: findings.length,
    problemCount: findings.filter((f) => f.problemId).length,
    findings: findings.map((f) => ({
      id: f.id,
      seqNo: f.seqNo,
      text: f.text,
      orgId: f.orgId,
      orgName: f.orgName ?? null,
      fixedOnTheSpot: f.fixedOnTheSpot === 1,
      convertedAt: f.convertedAt,
      problem:
        f.problemId && f.problemCode
          ? {
              id: f.problemId,
              code: f.problemCode,
              title: f.problemTitle ?? "",
              status: f.problemStatus as never,
              closureKind: f.problemClosureKind ?? null,
              rectifyType: f.problemRectifyType ?? "",
            }
          : null,
    })),
    suggestions: suggestions.map((s) => ({ id: s.id, seqNo: s.seqNo, text: s.text, opinionId: s.opinionId })),
    outcomes: outcomes.map((o) => {
      const linked = o.recordId ? labels.get(o.recordId) : undefined;
      return {
        id: o.id,
        seqNo: o.seqNo,
        kind: o.kind as ResearchOutcomeKind,
        text: o.text,
        docNumber: o.docNumber,
        record:
          o.recordType && o.recordId && linked
            ? { type: o.recordType, id: o.recordId, label: linked.label, problemId: linked.problemId }
            : null,
      };
    }),
    report: report ?? null,
    abilities: researchAbilities(ctx.actor, v),
  };
}
