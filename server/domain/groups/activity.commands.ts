import type { ConvertToProblemInput, RecordActivityInput } from "../../../contract/schemas/group.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { inScope } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { shanghaiDate } from "../calendar/shanghai-date.ts";
import { authorize, DomainError, notFound } from "../errors.ts";
import { assignProblem, registerProblem } from "../problems/problem.commands.ts";
import { linkProblemSource } from "../problems/problem.source.ts";
import { groupPolicy } from "./group.policy.ts";
import { findGroupById, getGroupDetail, type LoadedGroup } from "./group.queries.ts";

/** A place or concerned unit named on a record: an active org the actor can see (a member's contact points included). */
async function visibleOrg(ctx: Ctx, id: string | undefined, field: string): Promise<string | null> {
  if (!id) return null;
  const org = await ctx.db
    .selectFrom("orgs")
    .select(["id", "path", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!org || !inScope(ctx.actor, org.path))
    throw new DomainError("org_outside_scope", {}, [{ field, code: "invalid" }]);
  if (org.active !== 1) throw new DomainError("org_inactive", {}, [{ field, code: "invalid" }]);
  return org.id;
}

async function recorder(ctx: Ctx, groupId: string): Promise<LoadedGroup> {
  const g = await findGroupById(ctx, groupId);
  authorize(groupPolicy.record(ctx.actor, g.ref, shanghaiDate(ctx.now())));
  return g;
}

async function insertFindings(
  ctx: Ctx,
  g: LoadedGroup,
  activityId: string,
  findings: { text: string; orgId?: string }[],
  field: (i: number) => string,
) {
  if (findings.length === 0) return [];
  const last = await ctx.db
    .selectFrom("supervisionFindings")
    .select((eb) => eb.fn.max("seqNo").as("n"))
    .where("groupId", "=", g.id)
    .executeTakeFirst();
  let seqNo = Number(last?.n ?? 0);
  const now = iso(ctx.now());
  const rows = [];
  for (const [i, f] of findings.entries()) {
    rows.push({
      id: newId(),
      groupId: g.id,
      activityId,
      seqNo: ++seqNo,
      text: f.text.trim(),
      orgId: await visibleOrg(ctx, f.orgId, `${field(i)}/orgId`),
      problemId: null,
      convertedAt: null,
      createdAt: now,
    });
  }
  await ctx.db.insertInto("supervisionFindings").values(rows).execute();
  return rows;
}

/** Records an activity (听取汇报, 实地查看, 暗访 …) with its participants and, optionally, its findings. */
export async function recordSupervisionActivity(ctx: Ctx, input: RecordActivityInput & { groupId: string }) {
  return inTx(ctx, async (ctx) => {
    const g = await recorder(ctx, input.groupId);
    const placeOrgId = await visibleOrg(ctx, input.placeOrgId, "placeOrgId");
    const id = newId();
    await ctx.db
      .insertInto("supervisionActivities")
      .values({
        id,
        groupId: g.id,
        kind: input.kind,
        heldOn: input.heldOn,
        place: input.place.trim(),
        placeOrgId,
        participantsJson: JSON.stringify((input.participants ?? []).map((p) => p.trim())),
        summary: input.summary?.trim() || null,
        createdBy: ctx.actor.userId,
        createdAt: iso(ctx.now()),
      })
      .execute();
    const findings = await insertFindings(ctx, g, id, input.findings ?? [], (i) => `findings/${i}`);
    await recordAudit(ctx, {
      type: "supervision_activity.recorded",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: {
        activityId: id,
        kind: input.kind,
        heldOn: input.heldOn,
        place: input.place,
        placeOrgId,
        findingIds: findings.map((f) => f.id),
      },
    });
    return getGroupDetail(ctx, g.id);
  });
}

/** Adds a finding (发现问题) to an activity of the group. */
export async function recordSupervisionFinding(
  ctx: Ctx,
  input: { groupId: string; activityId: string; text: string; orgId?: string },
) {
  return inTx(ctx, async (ctx) => {
    const g = await recorder(ctx, input.groupId);
    const activity = await ctx.db
      .selectFrom("supervisionActivities")
      .select("id")
      .where("id", "=", input.activityId)
      .where("groupId", "=", g.id)
      .executeTakeFirst();
    if (!activity) throw notFound();
    const [f] = await insertFindings(ctx, g, activity.id, [input], () => "body");
    await recordAudit(ctx, {
      type: "supervision_finding.recorded",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: { findingId: f.id, activityId: activity.id, seqNo: f.seqNo, text: f.text, orgId: f.orgId },
    });
    return getGroupDetail(ctx, g.id);
  });
}

/** The title a finding gives its problem when none is typed: its first sentence, at most 60 characters. */
export function titleFromText(text: string): string {
  const first = text.trim().split(/[。；;\n]/)[0] || text.trim();
  const chars = [...first];
  return chars.length > 60 ? `${chars.slice(0, 59).join("")}…` : first;
}

/**
 * Turns a finding into a ledger problem in one step (source: 督导检查): registers it under the
 * chosen campaign, owned by the dispatching org, assigns it to the lead unit with a deadline,
 * and links the finding to it — one transaction, each step audited.
 */
export async function convertFindingToProblem(
  ctx: Ctx,
  input: ConvertToProblemInput & { groupId: string; findingId: string },
) {
  return inTx(ctx, async (ctx) => {
    const g = await findGroupById(ctx, input.groupId);
    const finding = await ctx.db
      .selectFrom("supervisionFindings")
      .selectAll()
      .where("id", "=", input.findingId)
      .where("groupId", "=", g.id)
      .executeTakeFirst();
    if (!finding) throw notFound();
    authorize(groupPolicy.convert(ctx.actor, g.ref));
    if (finding.problemId) throw new DomainError("finding_already_converted");
    const target = input.target ?? finding.text;
    const registered = await registerProblem(ctx, {
      campaignId: input.campaignId,
      categoryId: input.categoryId,
      ownerOrgId: g.dispatchOrgId,
      sourceType: "supervision",
      sourceRef: `${g.name} #${finding.seqNo}`.slice(0, 200),
      title: input.title ?? titleFromText(finding.text),
      description: finding.text,
      portrait: { symptoms: [] },
      rectifyType: input.rectifyType ?? "deadline",
      target,
      acceptanceStandard: input.acceptanceStandard ?? target,
    });
    await linkProblemSource(ctx, registered.id, { type: "supervision_finding", id: finding.id });
    await assignProblem(ctx, {
      problemId: registered.id,
      leadOrgId: input.leadOrgId,
      deadline: input.deadline,
    });
    await ctx.db
      .updateTable("supervisionFindings")
      .set({ problemId: registered.id, convertedAt: iso(ctx.now()) })
      .where("id", "=", finding.id)
      .execute();
    await recordAudit(ctx, {
      type: "supervision_finding.converted",
      entityType: "supervision_group",
      entityId: g.id,
      scopePath: g.dispatchPath,
      data: { findingId: finding.id, problemId: registered.id, problemCode: registered.code },
    });
    return getGroupDetail(ctx, g.id);
  });
}
