import type { Role } from "../../../contract/enums.ts";
import { type Actor, hasRole, inScope } from "../access/actor.ts";

/** Roles that read the research register: the office, leaders, supervisors and discipline inspectors. */
export const RESEARCH_READERS: readonly Role[] = ["coordinator", "leader", "supervisor", "auditor"];

/** What the policies need of a research visit: the org it belongs to. */
export interface ResearchRef {
  orgPath: string;
}

/**
 * Who may do what with a research visit (调研). It belongs to an org and is seen by the readers
 * over that org (the coordinators above included). Coordinators over the org record and change
 * it and turn its findings into problems (registering is theirs, DOMAIN.md §1). Leaders read:
 * their visits are written up by the office that accompanies them, not by themselves.
 */
export const researchPolicy = {
  read: (a: Actor, r: ResearchRef) => inScope(a, r.orgPath, RESEARCH_READERS),
  manage: (a: Actor, r: ResearchRef) => hasRole(a, "coordinator", r.orgPath),
  convert: (a: Actor, r: ResearchRef) => hasRole(a, "coordinator", r.orgPath),
};

export const researchAbilities = (a: Actor, r: ResearchRef) => ({
  manage: researchPolicy.manage(a, r),
  convert: researchPolicy.convert(a, r),
});
