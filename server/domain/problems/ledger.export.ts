import type { ProblemFilter, ProblemRowView } from "../../../contract/schemas/problem.ts";
import type { Ctx } from "../../context.ts";
import { filteredProblems } from "./ledger.queries.ts";
import { toProblemRows } from "./ledger.rows.ts";

/** Rows read per query while exporting: enough to keep round trips few, small enough to keep memory flat. */
export const EXPORT_BATCH = 500;

/**
 * Every ledger row the filter lists (scoped as on screen), by problem code, in batches: each
 * batch is one keyset query (`code > last`), so a long export never re-reads what it has passed
 * and never holds more than one batch. Authorization is checked before the first row.
 */
export async function* ledgerRowBatches(
  ctx: Ctx,
  filter: ProblemFilter,
  batch = EXPORT_BATCH,
): AsyncGenerator<ProblemRowView[]> {
  let last: string | null = null;
  for (;;) {
    let q = (await filteredProblems(ctx, filter)).selectAll("problems");
    if (last !== null) q = q.where("problems.code", ">", last);
    const page = await q.orderBy("problems.code").limit(batch).execute();
    if (page.length === 0) return;
    yield await toProblemRows(ctx, page);
    if (page.length < batch) return;
    last = page[page.length - 1].code;
  }
}
