import { iou } from '../geometry/iou';

/** Quality of a ranked proposal list against ground truth (Uijlings / Hosang conventions). */
export interface ProposalQuality {
  /** Proposals used (the first `topN`, or all). */
  used: number;
  /** Fraction of ground-truth boxes whose best IoU is >= 0.5. */
  recall50: number;
  /** Fraction of ground-truth boxes whose best IoU is >= 0.7. */
  recall70: number;
  /** Average best overlap: mean over ground-truth boxes of the best IoU (= MABO with one class). */
  abo: number;
  /** Average recall over IoU thresholds 0.5:0.05:0.95. */
  ar: number;
  /** Float32Array [G]: best IoU of each ground-truth box. */
  best: Float32Array;
}

/**
 * Recall@0.5/0.7, ABO and AR of the first `topN` proposals, as shared/tools/eval_proposals.py.
 * @param proposals Float32Array [4N] ranked `[x1, y1, x2, y2]` (continuous, x2 exclusive).
 * @param groundTruth Float32Array [4G] in the same space.
 * @param topN use only the first topN proposals. @default Infinity
 */
export function proposalQuality(proposals: Float32Array, groundTruth: Float32Array, topN = Infinity): ProposalQuality {
  const n = Math.min(proposals.length >> 2, topN), g = groundTruth.length >> 2;
  const best = new Float32Array(g);
  for (let j = 0; j < g; j++) {
    let b = 0;
    for (let i = 0; i < n; i++) {
      const v = iou(groundTruth, proposals, 4 * j, 4 * i);
      if (v > b) b = v;
    }
    best[j] = b;
  }
  const frac = (t: number): number => (g === 0 ? 0 : best.reduce((s, v) => s + (v >= t - 1e-9 ? 1 : 0), 0) / g);
  let ar = 0;
  for (let k = 0; k < 10; k++) ar += frac(0.5 + 0.05 * k) / 10;
  return {
    used: n,
    recall50: frac(0.5),
    recall70: frac(0.7),
    abo: g === 0 ? 0 : best.reduce((s, v) => s + v, 0) / g,
    ar,
    best,
  };
}
