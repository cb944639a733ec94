import type { CircularTone } from "../../../contract/enums.ts";
import type { CircularView } from "../../../contract/schemas/supervision.ts";
import { type Ctx, inTx } from "../../context.ts";
import { iso, newId } from "../../db/columns.ts";
import { hasRole, holdsRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.commands.ts";
import { authorize, DomainError, invalid } from "../errors.ts";
import { findProblemById } from "../problems/problem.queries.ts";
import { getCircularView } from "./circular.queries.ts";
import { SUPERVISING_ROLES, supervisionPolicy } from "./supervision.policy.ts";

export interface CircularInput {
  title: string;
  docNumber: string;
  body: string;
  tone: CircularTone;
  issuerOrgId?: string;
  problemIds: string[];
}

/** Issues a circular (通报), praising or criticising, naming items in the issuer's subtree. */
export async function issueCircular(ctx: Ctx, input: CircularInput): Promise<CircularView> {
  return inTx(ctx, async (ctx) => {
    // items the actor cannot see answer 404 first, so a circular reveals nothing about them
    const ids = [...new Set(input.problemIds)];
    const problems = [];
    for (const problemId of ids) problems.push(await findProblemById(ctx, problemId));
    authorize(holdsRole(ctx.actor, SUPERVISING_ROLES));
    const grant = ctx.actor.grants.find((g) => (SUPERVISING_ROLES as readonly string[]).includes(g.role));
    const issuerId = input.issuerOrgId ?? grant?.orgId;
    const issuer = issuerId
      ? await ctx.db.selectFrom("orgs").select(["id", "path"]).where("id", "=", issuerId).executeTakeFirst()
      : undefined;
    if (!issuer || !hasRole(ctx.actor, SUPERVISING_ROLES, issuer.path))
      throw invalid("org_outside_scope", "issuerOrgId");
    for (const [i, problem] of problems.entries()) {
      if (!supervisionPolicy.circulate(ctx.actor, problem.ref))
        throw new DomainError("problem_outside_scope", {}, [{ field: `problemIds/${i}`, code: "invalid" }]);
    }
    const id = newId();
    await ctx.db
      .insertInto("circulars")
      .values({
        id,
        title: input.title.trim(),
        docNumber: input.docNumber.trim(),
        body: input.body.trim(),
        tone: input.tone,
        issuerOrgId: issuer.id,
        issuerPath: issuer.path,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.name,
        createdAt: iso(ctx.now()),
      })
      .execute();
    if (ids.length > 0)
      await ctx.db
        .insertInto("circularItems")
        .values(ids.map((problemId) => ({ circularId: id, problemId })))
        .execute();
    await recordAudit(ctx, {
      type: "circular.issued",
      entityType: "circular",
      entityId: id,
      scopePath: issuer.path,
      data: {
        title: input.title.trim(),
        docNumber: input.docNumber.trim(),
        tone: input.tone,
        problemIds: ids,
        addresseeOrgId: issuer.id,
      },
    });
    return getCircularView(ctx, id);
  });
}
