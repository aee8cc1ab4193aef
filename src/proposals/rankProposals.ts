import { seededRandom } from './seededRandom';
import { DEFAULT_MIN_BOX_SIDE } from './detectionWindows';

/** Options of {@link rankProposals}. */
export interface RankProposalsOptions {
  /** Seed of the ranking PRNG (same seed, same order). @default 0 */
  seed?: number;
  /** Drop boxes whose width or height (pixels) is below this (MATLAB FilterBoxesWidth). @default 20 */
  minBoxSide?: number;
  /** Keep at most this many boxes. @default Infinity */
  maxBoxes?: number;
}

/**
 * The paper's randomised ranking (SELECTIVE_SEARCH.md §5): score = priority * U(0, 1) from a seeded PRNG
 * drawn in input order, sorted ascending (low priority numbers, i.e. late, large merges, tend to come
 * first); then boxes with a side under `minBoxSide` are dropped and exact duplicates removed keeping
 * the first.
 * @param boxes Int32Array [4N] inclusive pixel boxes minX, minY, maxX, maxY (working image).
 * @param priority Float64Array [N]: 1 = the last merge of a hierarchy; larger = earlier / initial.
 * @returns Int32Array [4K] of the kept boxes (same encoding), ranked.
 */
export function rankProposals(boxes: Int32Array, priority: Float64Array, options: RankProposalsOptions = {}): Int32Array {
  const n = priority.length;
  if (boxes.length !== 4 * n) throw new Error(`rankProposals: boxes has length ${boxes.length}, expected 4 * ${n}`);
  const random = seededRandom(options.seed ?? 0);
  const minSide = options.minBoxSide ?? DEFAULT_MIN_BOX_SIDE;
  const maxBoxes = options.maxBoxes ?? Infinity;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = priority[i] * random();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => score[a] - score[b] || a - b);

  const out = new Int32Array(4 * Math.min(n, Number.isFinite(maxBoxes) ? Math.max(0, maxBoxes) : n));
  const seen = new Set<string | number>();
  let k = 0;
  for (let r = 0; r < n && 4 * k < out.length; r++) {
    const i = 4 * order[r];
    const x1 = boxes[i], y1 = boxes[i + 1], x2 = boxes[i + 2], y2 = boxes[i + 3];
    if (x2 - x1 + 1 < minSide || y2 - y1 + 1 < minSide) continue;
    const key = boxKey(x1, y1, x2, y2);
    if (seen.has(key)) continue;
    seen.add(key);
    out[4 * k] = x1; out[4 * k + 1] = y1; out[4 * k + 2] = x2; out[4 * k + 3] = y2;
    k++;
  }
  return out.slice(0, 4 * k);
}

/** Exact key of a box: one number while coordinates stay below 2^13 (8192 px), else a string. */
function boxKey(x1: number, y1: number, x2: number, y2: number): string | number {
  if ((x1 | y1 | x2 | y2) >>> 13 === 0) return ((x1 * 8192 + y1) * 8192 + x2) * 8192 + y2;
  return `${x1},${y1},${x2},${y2}`;
}
