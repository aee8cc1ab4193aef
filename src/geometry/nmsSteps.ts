import { iou } from './iou';

/**
 * One visit of greedy NMS (see {@link nmsSteps}). Box numbers are indices into the input arrays;
 * IoUs are unitless in [0, 1].
 */
export interface NmsStep {
  /** Index of the visited box in the input (0-based). */
  box: number;
  /** Its score (as stored in the Float32Array). */
  score: number;
  /** True when no earlier kept box overlapped it with IoU > threshold. */
  kept: boolean;
  /** For a suppressed box: the kept box that suppressed it (earlier in visiting order); else null. */
  suppressedBy: number | null;
  /** For a suppressed box: its IoU with `suppressedBy`; else null. */
  iouWithSuppressor: number | null;
  /**
   * For a kept box: the later, not-yet-suppressed boxes it suppresses (IoU > threshold), in visiting
   * order, with their IoU. Empty for a suppressed box (a suppressed box suppresses nothing).
   */
  suppresses: Array<{ box: number; iou: number }>;
}

/**
 * Greedy NMS written out as steps, for teaching (PAPER §3.7, §4 step 7): the same algorithm and order as
 * `nonMaxSuppression` (visit by descending score, ties by input index; suppress a later box when its IoU
 * with a kept box is > `iouThreshold`), so the kept boxes, in step order, equal its output.
 * @param boxes Float32Array [4N] of `[x1, y1, x2, y2]` continuous boxes, all in one space (e.g. image px).
 * @param scores Float32Array [N].
 * @param iouThreshold in [0, 1].
 * @returns N steps, one per box, in visiting order.
 */
export function nmsSteps(boxes: Float32Array, scores: Float32Array, iouThreshold: number): NmsStep[] {
  const n = scores.length;
  if (boxes.length !== 4 * n) {
    throw new Error(`nmsSteps: boxes has length ${boxes.length}, expected 4 * scores.length = ${4 * n}`);
  }
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
    throw new Error(`nmsSteps: iouThreshold must be in [0, 1], got ${iouThreshold}`);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const by = new Int32Array(n).fill(-1);
  const byIou = new Float64Array(n);
  const steps: NmsStep[] = [];
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi];
    if (by[i] >= 0) {
      steps.push({ box: i, score: scores[i], kept: false, suppressedBy: by[i], iouWithSuppressor: byIou[i], suppresses: [] });
      continue;
    }
    const suppresses: Array<{ box: number; iou: number }> = [];
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj];
      if (by[j] >= 0) continue;
      const v = iou(boxes, boxes, 4 * i, 4 * j);
      if (v > iouThreshold) {
        by[j] = i;
        byIou[j] = v;
        suppresses.push({ box: j, iou: v });
      }
    }
    steps.push({ box: i, score: scores[i], kept: true, suppressedBy: null, iouWithSuppressor: null, suppresses });
  }
  return steps;
}
