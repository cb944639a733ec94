/** A weighted item with its own progress (0–100). */
export interface Weighted {
  weight: number;
  progress: number;
}

/** Weighted mean, rounded to a whole percent and kept within 0–100; empty → 0. */
export function rollUp(items: readonly Weighted[]): number {
  const total = items.reduce((n, i) => n + Math.max(0, i.weight), 0);
  if (total === 0) return 0;
  const value = items.reduce((n, i) => n + Math.max(0, i.weight) * clampPercent(i.progress), 0) / total;
  return clampPercent(Math.round(value));
}

export const clampPercent = (n: number) => Math.min(100, Math.max(0, Number.isFinite(n) ? n : 0));
