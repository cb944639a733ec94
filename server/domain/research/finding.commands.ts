import type { ConvertResearchFindingInput } from "../../../contract/schemas/research.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso } from "../../db/columns.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError, invalid, notFound } from "../errors.ts";
import { titleFromText } from "../groups/activity.commands.ts";
import { recomputeLights } from "../lights/light.commands.ts";
import { closedAsRectified } from "../problems/closeout.commands.ts";
import { assignProblem, registerProblem } from "../problems/problem.commands.ts";
import { loadProblem } from "../problems/problem.queries.ts";
import { linkProblemSource } from "../problems/problem.source.ts";
import { researchPolicy } from "./research.policy.ts";
import { findResearchById, getResearchDetail } from "./research.queries.ts";

/**
 * Turns a research finding into a ledger problem in one step (source: 调研), owned by the visit's
 * org and linked back to the finding. 即知即改: when it was fixed on the spot the problem is
 * created closed — rectify type 立行立改, closure 已整改 — otherwise it is assigned to a lead unit
 * with a deadline. One transaction, each step audited.
 */
export async function convertResearchFinding(
  ctx: Ctx,
  input: ConvertResearchFindingInput & { findingId: string },
) {
  return inTx(ctx, async (ctx) => {
    const finding = await ctx.db
      .selectFrom("researchFindings")
      .selectAll()
      .where("id", "=", input.findingId)
      .executeTakeFirst();
    if (!finding) throw notFound();
    const v = await findResearchById(ctx, finding.visitId);
    authorize(researchPolicy.convert(ctx.actor, v));
    // the visit row is locked (findResearchById inside a transaction), so a finding converts once
    const fresh = await ctx.db
      .selectFrom("researchFindings")
      .select("problemId")
      .where("id", "=", finding.id)
      .executeTakeFirstOrThrow();
    if (fresh.problemId) throw new DomainError("research_finding_converted");
    const fixed = input.fixedOnTheSpot ?? false;
    if (!fixed && !input.leadOrgId) throw invalid("research_convert_needs_assignment", "leadOrgId");
    if (!fixed && !input.deadline) throw invalid("research_convert_needs_assignment", "deadline");
    const registered = await registerProblem(ctx, {
      campaignId: input.campaignId,
      categoryId: input.categoryId,
      ownerOrgId: v.orgId,
      sourceType: "research",
      sourceRef: `${v.topic} #${finding.seqNo}`.slice(0, 200),
      title: input.title ?? titleFromText(finding.text),
      description: finding.text,
      portrait: { symptoms: [] },
      rectifyType: fixed ? "immediate" : "deadline",
      target: finding.text,
      acceptanceStandard: finding.text,
    });
    await linkProblemSource(ctx, registered.id, { type: "research_finding", id: finding.id });
    if (fixed) {
      const problem = await loadProblem(ctx, registered.id);
      const note = input.fixNote?.trim() || null;
      await ctx.db
        .updateTable("problems")
        .set({
          ...(await closedAsRectified(ctx, problem)),
          status: "closed",
          closeoutSummary: note,
          updatedAt: iso(ctx.now()),
        })
        .where("id", "=", problem.id)
        .execute();
      await recordAudit(ctx, {
        type: "problem.fixed_on_the_spot",
        entityType: "problem",
        entityId: problem.id,
        scopePath: problem.ownerPath,
        data: {
          from: "registered",
          to: "closed",
          closureKind: "rectified",
          note,
          findingId: finding.id,
          visitId: v.id,
        },
      });
      await recomputeLights(ctx, problem.id);
    } else {
      await assignProblem(ctx, {
        problemId: registered.id,
        leadOrgId: input.leadOrgId as string,
        deadline: input.deadline as string,
      });
    }
    await ctx.db
      .updateTable("researchFindings")
      .set({ problemId: registered.id, fixedOnTheSpot: fixed ? 1 : 0, convertedAt: iso(ctx.now()) })
      .where("id", "=", finding.id)
      .execute();
    await recordAudit(ctx, {
      type: "research_finding.converted",
      entityType: "research",
      entityId: v.id,
      scopePath: v.orgPath,
      data: {
        findingId: finding.id,
        problemId: registered.id,
        problemCode: registered.code,
        fixedOnTheSpot: fixed,
      },
    });
    return getResearchDetail(ctx, v.id);
  });
}
