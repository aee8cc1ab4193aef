/** Which bin rule {@link pyramidBins} applies. */
export type BinRule = 'adaptive' | 'sliding';

/** The default pyramid {6, 3, 2, 1}: M = 50 bins (PAPER §1). */
export const DEFAULT_LEVELS: readonly number[] = [6, 3, 2, 1];

/**
 * Bin edges of one pyramid level along one axis of `size` cells, as `[start, end)` cell ranges.
 *
 * - `'adaptive'` (default; PAPER App. A, the authors' C++ and PyTorch adaptive max pooling):
 *   bin i of n spans [floor(i*a/n), ceil((i+1)*a/n)). Always n bins; they may overlap; none is empty
 *   when a >= 1; together they cover every cell.
 * - `'sliding'` (PAPER §2.3 training rule): a pooling window of ceil(a/n) cells moved by
 *   floor(a/n) cells, no padding. This returns the windows that rule really produces, which is not
 *   always n (a = 10, n = 6 gives 9) and may leave cells uncovered (a = 8, n = 3); see
 *   {@link slidingRuleReport}. Throws when the stride floor(a/n) is 0 (a < n): the rule is undefined.
 * @param size a, number of cells along the axis (integer >= 1).
 * @param n bins per axis at this level (integer >= 1).
 */
export function pyramidBins(size: number, n: number, rule: BinRule = 'adaptive'): Array<[number, number]> {
  assertBinArgs(size, n);
  if (rule === 'adaptive') {
    const bins: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) bins.push([Math.floor((i * size) / n), Math.ceil(((i + 1) * size) / n)]);
    return bins;
  }
  if (rule === 'sliding') {
    const report = slidingRuleReport(size, n);
    if (report.undefinedReason) throw new Error(`pyramidBins: ${report.undefinedReason}`);
    return report.bins;
  }
  throw new Error(`pyramidBins: unknown rule '${String(rule)}' (expected 'adaptive' or 'sliding')`);
}

/** What the §2.3 sliding rule does for one (a, n): its windows and its defects. */
export interface SlidingRuleReport {
  size: number;
  n: number;
  /** ceil(a / n), the pooling window in cells. */
  window: number;
  /** floor(a / n), the stride in cells (0 = the rule is undefined). */
  stride: number;
  /** The windows the rule produces, `[start, end)`; empty when undefined. */
  bins: Array<[number, number]>;
  /** True when the rule gives exactly n windows covering every cell, like the adaptive rule. */
  ok: boolean;
  /** Cells no window covers. */
  uncoveredCells: number[];
  /** Set when the stride is 0 (a < n): no window count is defined. */
  undefinedReason?: string;
}

/**
 * Runs the §2.3 sliding rule (window ceil(a/n), stride floor(a/n), no padding) and reports its
 * defects instead of silently misbehaving: number of windows vs n, uncovered cells, or undefined.
 * PAPER.md table: a=10,n=6 -> 9 windows; a=11,n=4 -> 5; a=8,n=3 -> cell 7 uncovered;
 * a=14,n=6 -> cell 13 uncovered; a=4,n=6 -> stride 0, undefined; a=13,n=6 -> same as adaptive.
 */
export function slidingRuleReport(size: number, n: number): SlidingRuleReport {
  assertBinArgs(size, n);
  const window = Math.ceil(size / n);
  const stride = Math.floor(size / n);
  if (stride === 0) {
    return {
      size, n, window, stride, bins: [], ok: false,
      uncoveredCells: Array.from({ length: size }, (_, i) => i),
      undefinedReason: `sliding rule undefined for a=${size}, n=${n}: stride floor(a/n) = 0`,
    };
  }
  const count = Math.floor((size - window) / stride) + 1;
  const bins: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) bins.push([i * stride, i * stride + window]);
  const covered = new Uint8Array(size);
  for (const [s, e] of bins) covered.fill(1, s, e);
  const uncoveredCells: number[] = [];
  covered.forEach((c, i) => { if (!c) uncoveredCells.push(i); });
  return { size, n, window, stride, bins, ok: count === n && uncoveredCells.length === 0, uncoveredCells };
}

function assertBinArgs(size: number, n: number): void {
  if (!Number.isInteger(size) || size < 1) throw new Error(`pyramidBins: size must be an integer >= 1, got ${size}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`pyramidBins: n must be an integer >= 1, got ${n}`);
}
