import type { FigureView, LedgerFilterValue } from "../../../contract/schemas/stats.ts";
import type { Ctx } from "../../context.ts";
import { filteredProblems } from "../problems/ledger.queries.ts";

/**
 * The one query layer of statistics: every figure is the number of rows the ledger lists for a
 * filter, counted by the ledger's own query (scope included), so a figure and its ledger link can
 * never disagree.
 */

/** Drops the filter fields that are not set, so a figure's filter is exactly what narrows it. */
export function cleanFilter(f: LedgerFilterValue): LedgerFilterValue {
  return Object.fromEntries(
    Object.entries(f).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  ) as LedgerFilterValue;
}

/** One figure: the rows the ledger lists for `filter`. */
export async function countFigure(ctx: Ctx, key: string, filter: LedgerFilterValue, label?: string) {
  const q = await filteredProblems(ctx, filter, "set");
  const row = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return figure(key, Number(row.n), filter, label);
}

export const figure = (
  key: string,
  count: number,
  filter: LedgerFilterValue,
  label?: string,
): FigureView => ({
  key,
  ...(label !== undefined && { label }),
  count,
  filter: cleanFilter(filter),
});

/** Columns a figure can be broken down by, with the ledger filter that selects one value. */
export const BREAKDOWNS = {
  status: { column: "problems.status", narrow: (v: string) => ({ status: [v] }) },
  light: { column: "problems.light", narrow: (v: string) => ({ light: [v] }) },
  categoryId: { column: "problems.categoryId", narrow: (v: string) => ({ categoryId: v }) },
  rectifyType: { column: "problems.rectifyType", narrow: (v: string) => ({ rectifyType: v }) },
  sourceType: { column: "problems.sourceType", narrow: (v: string) => ({ sourceType: v }) },
  closureKind: { column: "problems.closureKind", narrow: (v: string) => ({ closureKind: v }) },
  leadPath: { column: "problems.leadPath", narrow: () => ({}) },
} as const;
export type Breakdown = keyof typeof BREAKDOWNS;

/**
 * The rows of `filter` counted per value of one column (one GROUP BY over the scoped ledger
 * query); nulls are left out. Each value's count equals the ledger total for `filter` narrowed
 * to that value.
 */
export async function countBy(
  ctx: Ctx,
  filter: LedgerFilterValue,
  by: Breakdown,
): Promise<Map<string, number>> {
  const { column } = BREAKDOWNS[by];
  const q = await filteredProblems(ctx, filter, "set");
  const rows = await q
    .select([`${column} as value`, (eb) => eb.fn.countAll<number>().as("n")])
    .where(column, "is not", null)
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [String(r.value), Number(r.n)]));
}

/** Figures for every value of `values` (zero where no row has it), each with its narrowed filter. */
export async function figuresBy(
  ctx: Ctx,
  filter: LedgerFilterValue,
  by: Exclude<Breakdown, "leadPath">,
  values: readonly string[],
  labels?: Map<string, string>,
): Promise<FigureView[]> {
  const counts = await countBy(ctx, filter, by);
  const narrow = BREAKDOWNS[by].narrow;
  return values.map((v) =>
    figure(v, counts.get(v) ?? 0, { ...filter, ...narrow(v) } as LedgerFilterValue, labels?.get(v)),
  );
}
