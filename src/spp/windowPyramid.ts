import { type BinRule, pyramidBins, slidingRuleReport } from './pyramidBins';
import { assertLevels } from './layout';

/** One level of a window's pyramid as a bin rule really lays it out. */
export interface PyramidLevel {
  /** Bins per side asked for. */
  n: number;
  /** Row ranges `[start, end)` in cells, relative to the window's top cell. */
  rows: Array<[number, number]>;
  /** Column ranges `[start, end)` in cells, relative to the window's left cell. */
  cols: Array<[number, number]>;
  /** Cells of the window (relative [row, col]) that no bin of this level covers. */
  uncovered: Array<[number, number]>;
  /** Human-readable defects of the rule at this level ('' when it gives n×n bins covering every cell). */
  defect: string;
}

/** A window's pyramid: every level's bins and the rectangles they pool, in pooled-vector order. */
export interface WindowPyramid {
  /** The window, inclusive conv5 cells `[x1, y1, x2, y2]`. */
  cells: [number, number, number, number];
  /** Window width a and height b in cells. */
  width: number;
  height: number;
  rule: BinRule;
  levels: PyramidLevel[];
  /** Every bin as an absolute cell rectangle `[y0, y1, x0, x1)`, level by level, row-major (layout.ts order). */
  rects: Int32Array;
  /** For each rectangle: index of its level in `levels`. */
  rectLevel: Int32Array;
  /** First rectangle of each level (length levels + 1). */
  levelStart: number[];
  /** True when every level has exactly n×n bins covering every cell (the vector has the trained layout). */
  regular: boolean;
}

/**
 * Lays out the pyramid bins of one window under either rule (pyramidBins.ts): the adaptive rule
 * always gives n×n bins; the paper's §2.3 sliding rule may give more or fewer, leave cells
 * uncovered, or be undefined (a < n), and this reports each case instead of hiding it. With the
 * sliding rule the pooled vector then no longer has the k·M layout the classifier was trained on.
 * @param cells inclusive conv5 cells `[x1, y1, x2, y2]` (TraceWindow.cells).
 * @param levels bins per side, in vector order. @default {6, 3, 2, 1}
 */
export function windowPyramid(cells: readonly [number, number, number, number], levels: readonly number[], rule: BinRule = 'adaptive'): WindowPyramid {
  assertLevels(levels);
  const [x1, y1, x2, y2] = cells;
  if (![x1, y1, x2, y2].every(Number.isInteger) || x2 < x1 || y2 < y1) throw new Error(`windowPyramid: cells must be inclusive integer [x1, y1, x2, y2], got [${cells.join(', ')}]`);
  const width = x2 - x1 + 1;
  const height = y2 - y1 + 1;
  const out: PyramidLevel[] = [];
  const rects: number[] = [];
  const rectLevel: number[] = [];
  const levelStart: number[] = [];
  for (let l = 0; l < levels.length; l++) {
    const n = levels[l];
    levelStart.push(rectLevel.length);
    const axis = (size: number, name: string): { bins: Array<[number, number]>; defect: string } => {
      if (rule === 'adaptive') return { bins: pyramidBins(size, n, 'adaptive'), defect: '' };
      const r = slidingRuleReport(size, n);
      if (r.undefinedReason) return { bins: [], defect: `${name}: a = ${size} < n = ${n}, stride ⌊a/n⌋ = 0, the rule is undefined` };
      const parts: string[] = [];
      if (r.bins.length !== n) parts.push(`${r.bins.length} bins instead of ${n} (window ⌈${size}/${n}⌉ = ${r.window}, stride ⌊${size}/${n}⌋ = ${r.stride})`);
      if (r.uncoveredCells.length > 0) parts.push(`cell${r.uncoveredCells.length > 1 ? 's' : ''} ${r.uncoveredCells.join(', ')} never pooled`);
      return { bins: r.bins, defect: parts.length > 0 ? `${name}: ${parts.join('; ')}` : '' };
    };
    const rows = axis(height, `height b = ${height}`);
    const cols = axis(width, `width a = ${width}`);
    const coveredRow = new Uint8Array(height);
    const coveredCol = new Uint8Array(width);
    for (const [s, e] of rows.bins) coveredRow.fill(1, s, e);
    for (const [s, e] of cols.bins) coveredCol.fill(1, s, e);
    const uncovered: Array<[number, number]> = [];
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) if (!coveredRow[r] || !coveredCol[c]) uncovered.push([r, c]);
    for (const [r0, r1] of rows.bins) {
      for (const [c0, c1] of cols.bins) {
        rects.push(y1 + r0, y1 + r1, x1 + c0, x1 + c1);
        rectLevel.push(l);
      }
    }
    out.push({ n, rows: rows.bins, cols: cols.bins, uncovered, defect: [rows.defect, cols.defect].filter(Boolean).join('; ') });
  }
  levelStart.push(rectLevel.length);
  return {
    cells: [x1, y1, x2, y2], width, height, rule, levels: out,
    rects: Int32Array.from(rects), rectLevel: Int32Array.from(rectLevel), levelStart,
    regular: out.every((lv) => lv.rows.length === lv.n && lv.cols.length === lv.n && lv.uncovered.length === 0),
  };
}
