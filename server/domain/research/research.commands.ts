import type { CreateResearchInput, UpdateResearchInput } from "../../../contract/schemas/research.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import type { ResearchVisitsTable } from "../../db/schema.ts";
import { assignedOnly, inScope, isWithin } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { pickOrgs } from "../bodies/picks.ts";
import { authorize, DomainError, invalid, notFound } from "../errors.ts";
import { findSessionById } from "../meetings/meeting.queries.ts";
import { findOrgById } from "../orgs/org.queries.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { researchPolicy } from "./research.policy.ts";
import { findResearchById, getResearchDetail } from "./research.queries.ts";

type VisitFields = UpdateResearchInput;
const trimAll = (xs: readonly string[]) => xs.map((x) => x.trim()).filter(Boolean);

/**
 * The leading official (带队领导): a user at home in the actor's scope or above the visit's org,
 * or a named person with a title. A user's name is taken from the account unless one is typed.
 */
async function leadOf(ctx: Ctx, v: VisitFields, orgPath: string) {
  if (v.leadUserId) {
    const u = await ctx.db
      .selectFrom("users")
      .innerJoin("orgs", "orgs.id", "users.orgId")
      .select(["users.id", "users.displayName", "users.active", "orgs.path"])
      .where("users.id", "=", v.leadUserId)
      .executeTakeFirst();
    if (u?.active !== 1 || !(inScope(assignedOnly(ctx.actor), u.path) || isWithin(u.path, orgPath)))
      throw new DomainError("user_outside_scope", {}, [{ field: "leadUserId", code: "invalid" }]);
    return {
      leadUserId: u.id,
      leadName: v.leadName?.trim() || u.displayName,
      leadTitle: v.leadTitle?.trim() || null,
    };
  }
  if (!v.leadName?.trim()) throw invalid("research_lead_required", "leadName");
  return { leadUserId: null, leadName: v.leadName.trim(), leadTitle: v.leadTitle?.trim() || null };
}

/** A record an outcome (成果转化) says the result became: it must exist and be visible to the actor. */
async function checkOutcomeLinks(ctx: Ctx, outcomes: VisitFields["outcomes"]) {
  for (const [i, o] of outcomes.entries()) {
    const field = `outcomes/${i}/recordId`;
    if (!o.recordType && !o.recordId) continue;
    if (!o.recordType || !o.recordId) throw invalid("research_outcome_link_invalid", field);
    const refuse = () => invalid("research_outcome_link_invalid", field);
    if (o.recordType === "problem")
      await findProblemById(ctx, o.recordId).catch(() => Promise.reject(refuse()));
    else if (o.recordType === "measure") {
      const m = await ctx.db
        .selectFrom("measures")
        .select("problemId")
        .where("id", "=", o.recordId)
        .executeTakeFirst();
      if (!m) throw refuse();
      await findProblemById(ctx, m.problemId).catch(() => Promise.reject(refuse()));
    } else {
      const d = await ctx.db
        .selectFrom("meetingDecisions")
        .select("sessionId")
        .where("id", "=", o.recordId)
        .executeTakeFirst();
      if (!d) throw refuse();
      await findSessionById(ctx, d.sessionId).catch(() => Promise.reject(refuse()));
    }
  }
}

/** The report file (调研报告): the actor's own unbound upload, or the one the visit already has. */
async function bindReport(
  ctx: Ctx,
  visitId: string,
  attachmentId: string | undefined,
  current: string | null,
) {
  if (!attachmentId) return current;
  if (attachmentId === current) return current;
  const a = await ctx.db
    .selectFrom("attachments")
    .select(["id", "entityType", "uploadedBy"])
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!a || a.entityType !== null || a.uploadedBy !== ctx.actor.userId)
    throw invalid("attachment_unusable", "reportAttachmentId");
  await ctx.db
    .updateTable("attachments")
    .set({ entityType: "research_report", entityId: visitId })
    .where("id", "=", a.id)
    .execute();
  return a.id;
}

/** Validates a visit's fields and writes its lists (sites, symposia, suggestions, outcomes) afresh. */
async function writeLists(ctx: Ctx, visitId: string, v: VisitFields) {
  if (v.endsOn < v.startsOn) throw invalid("period_invalid", "endsOn");
  const sites = await pickOrgs(ctx, v.siteOrgIds, (i) => `siteOrgIds/${i}`, ["coordinator"]);
  await checkOutcomeLinks(ctx, v.outcomes);
  await ctx.db.deleteFrom("researchSites").where("visitId", "=", visitId).execute();
  if (sites.length > 0)
    await ctx.db
      .insertInto("researchSites")
      .values(sites.map((o, i) => ({ visitId, orgId: o.id, sortOrder: i })))
      .execute();
  await ctx.db.deleteFrom("researchSymposia").where("visitId", "=", visitId).execute();
  if (v.symposia.length > 0)
    await ctx.db
      .insertInto("researchSymposia")
      .values(
        v.symposia.map((s, i) => ({
          id: newId(),
          visitId,
          seqNo: i + 1,
          heldOn: s.heldOn,
          place: s.place.trim(),
          groupsJson: JSON.stringify(trimAll(s.groups)),
          participantCount: s.participantCount,
        })),
      )
      .execute();
  // suggestions already taken up as opinions stay; the rest are replaced
  const kept = await ctx.db
    .selectFrom("researchSuggestions")
    .select(["text", "seqNo"])
    .where("visitId", "=", visitId)
    .where("opinionId", "is not", null)
    .execute();
  await ctx.db
    .deleteFrom("researchSuggestions")
    .where("visitId", "=", visitId)
    .where("opinionId", "is", null)
    .execute();
  const fresh = trimAll(v.suggestions).filter((t) => !kept.some((k) => k.text === t));
  let seq = kept.reduce((n, k) => Math.max(n, k.seqNo), 0);
  if (fresh.length > 0)
    await ctx.db
      .insertInto("researchSuggestions")
      .values(fresh.map((text) => ({ id: newId(), visitId, seqNo: ++seq, text, opinionId: null })))
      .execute();
  await ctx.db.deleteFrom("researchOutcomes").where("visitId", "=", visitId).execute();
  if (v.outcomes.length > 0)
    await ctx.db
      .insertInto("researchOutcomes")
      .values(
        v.outcomes.map((o, i) => ({
          id: newId(),
          visitId,
          seqNo: i + 1,
          kind: o.kind,
          text: o.text.trim(),
          docNumber: o.docNumber?.trim() || null,
          recordType: o.recordType ?? null,
          recordId: o.recordId ?? null,
        })),
      )
      .execute();
  return sites.map((s) => s.id);
}

/** The visit's own columns from its fields. */
const columns = (v: VisitFields) => ({
  topic: v.topic.trim(),
  participantsJson: JSON.stringify(trimAll(v.participants)),
  startsOn: v.startsOn,
  endsOn: v.endsOn,
  methodsJson: JSON.stringify([...new Set(v.methods)]),
  householdsVisited: v.householdsVisited,
  householdsConsoled: v.householdsConsoled,
  householdsJson: JSON.stringify(
    v.households.map((h) => ({
      kind: h.kind,
      name: h.name.trim(),
      ...(h.place?.trim() && { place: h.place.trim() }),
      ...(h.note?.trim() && { note: h.note.trim() }),
    })),
  ),
  summary: v.summary?.trim() || null,
});

const auditData = (
  v: VisitFields,
  lead: { leadUserId: string | null; leadName: string },
  siteIds: string[],
) => ({
  topic: v.topic,
  ...lead,
  startsOn: v.startsOn,
  endsOn: v.endsOn,
  siteIds,
  householdsVisited: v.householdsVisited,
  householdsConsoled: v.householdsConsoled,
  symposia: v.symposia.length,
  outcomes: v.outcomes.length,
});

/** Adds findings (发现问题) to a visit, numbered after the ones it has. */
async function insertFindings(
  ctx: Ctx,
  visitId: string,
  findings: { text: string; orgId?: string }[],
  field: (i: number) => string,
) {
  if (findings.length === 0) return [];
  const last = await ctx.db
    .selectFrom("researchFindings")
    .select((eb) => eb.fn.max("seqNo").as("n"))
    .where("visitId", "=", visitId)
    .executeTakeFirst();
  let seqNo = Number(last?.n ?? 0);
  const now = iso(ctx.now());
  const rows = [];
  for (const [i, f] of findings.entries()) {
    const [org] = f.orgId ? await pickOrgs(ctx, [f.orgId], () => `${field(i)}/orgId`, ["coordinator"]) : [];
    rows.push({
      id: newId(),
      visitId,
      seqNo: ++seqNo,
      text: f.text.trim(),
      orgId: org?.id ?? null,
      problemId: null,
      fixedOnTheSpot: 0,
      convertedAt: null,
      createdAt: now,
    });
  }
  await ctx.db.insertInto("researchFindings").values(rows).execute();
  return rows;
}

/** Records a research visit (调研) of an org in the coordinator's scope, with its findings. */
export async function createResearchVisit(ctx: Ctx, input: CreateResearchInput) {
  return inTx(ctx, async (ctx) => {
    const org = await findOrgById(ctx, input.orgId);
    authorize(researchPolicy.manage(ctx.actor, { orgPath: org.path }));
    if (org.active !== 1) throw invalid("org_inactive", "orgId");
    const lead = await leadOf(ctx, input, org.path);
    const id = newId();
    const now = iso(ctx.now());
    await ctx.db
      .insertInto("researchVisits")
      .values({
        id,
        orgId: org.id,
        orgPath: org.path,
        ...lead,
        ...columns(input),
        reportAttachmentId: null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const siteIds = await writeLists(ctx, id, input);
    const reportAttachmentId = await bindReport(ctx, id, input.reportAttachmentId, null);
    if (reportAttachmentId)
      await ctx.db.updateTable("researchVisits").set({ reportAttachmentId }).where("id", "=", id).execute();
    const findings = await insertFindings(ctx, id, input.findings, (i) => `findings/${i}`);
    await recordAudit(ctx, {
      type: "research.created",
      entityType: "research",
      entityId: id,
      scopePath: org.path,
      data: {
        ...auditData(input, lead, siteIds),
        orgId: org.id,
        findingIds: findings.map((f) => f.id),
        reportAttachmentId,
      },
    });
    return getResearchDetail(ctx, id);
  });
}

async function managed(ctx: Ctx, visitId: string): Promise<ResearchVisitsTable> {
  const v = await findResearchById(ctx, visitId);
  authorize(researchPolicy.manage(ctx.actor, v));
  return v;
}

/** Changes a visit: its fields, sites, households, symposia, suggestions and outcomes. */
export async function updateResearchVisit(ctx: Ctx, input: UpdateResearchInput & { visitId: string }) {
  return inTx(ctx, async (ctx) => {
    const v = await managed(ctx, input.visitId);
    const lead = await leadOf(ctx, input, v.orgPath);
    const siteIds = await writeLists(ctx, v.id, input);
    const reportAttachmentId = await bindReport(ctx, v.id, input.reportAttachmentId, v.reportAttachmentId);
    await ctx.db
      .updateTable("researchVisits")
      .set({ ...lead, ...columns(input), reportAttachmentId, updatedAt: iso(ctx.now()) })
      .where("id", "=", v.id)
      .execute();
    await recordAudit(ctx, {
      type: "research.updated",
      entityType: "research",
      entityId: v.id,
      scopePath: v.orgPath,
      data: { ...auditData(input, lead, siteIds), reportAttachmentId },
    });
    return getResearchDetail(ctx, v.id);
  });
}

/** Adds a finding (发现问题) to a visit. */
export async function recordResearchFinding(
  ctx: Ctx,
  input: { visitId: string; text: string; orgId?: string },
) {
  return inTx(ctx, async (ctx) => {
    const v = await managed(ctx, input.visitId);
    const [f] = await insertFindings(ctx, v.id, [input], () => "body");
    if (!f) throw notFound();
    await recordAudit(ctx, {
      type: "research_finding.recorded",
      entityType: "research",
      entityId: v.id,
      scopePath: v.orgPath,
      data: { findingId: f.id, seqNo: f.seqNo, text: f.text, orgId: f.orgId },
    });
    return getResearchDetail(ctx, v.id);
  });
}
