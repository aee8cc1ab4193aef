import { iou } from './iou';

/** Options of {@link nonMaxSuppression}. */
export interface NonMaxSuppressionOptions {
  /** Drop boxes scoring below this before suppression. @default -Infinity */
  scoreThreshold?: number;
  /** Keep at most this many boxes. @default Infinity */
  maxOutput?: number;
}

/**
 * Greedy NMS on flat boxes, as torchvision `ops.nms`: visit boxes by descending score (ties keep
 * input order); a box is suppressed when its IoU with an already kept box is > `iouThreshold`.
 * @param boxes Float32Array [4N] of `[x1, y1, x2, y2]` continuous boxes (any one space).
 * @param scores Float32Array [N].
 * @returns Int32Array of kept indices, in descending score order.
 */
export function nonMaxSuppression(
  boxes: Float32Array,
  scores: Float32Array,
  iouThreshold: number,
  options: NonMaxSuppressionOptions = {},
): Int32Array {
  const n = scores.length;
  if (boxes.length !== 4 * n) {
    throw new Error(`nonMaxSuppression: boxes has length ${boxes.length}, expected 4 * scores.length = ${4 * n}`);
  }
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
    throw new Error(`nonMaxSuppression: iouThreshold must be in [0, 1], got ${iouThreshold}`);
  }
  const scoreThreshold = options.scoreThreshold ?? -Infinity;
  const maxOutput = options.maxOutput ?? Infinity;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (scores[i] >= scoreThreshold) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const kept: number[] = [];
  const suppressed = new Uint8Array(n);
  for (let oi = 0; oi < order.length && kept.length < maxOutput; oi++) {
    const i = order[oi];
    if (suppressed[i]) continue;
    kept.push(i);
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj];
      if (!suppressed[j] && iou(boxes, boxes, 4 * i, 4 * j) > iouThreshold) suppressed[j] = 1;
    }
  }
  return Int32Array.from(kept);
}

/**
 * Per-class NMS (PAPER §3.7): boxes of different classes never suppress each other.
 * @param classIds Int32Array [N] class of each box.
 * @returns Int32Array of kept indices, in descending score order over all classes.
 */
export function batchedNonMaxSuppression(
  boxes: Float32Array,
  scores: Float32Array,
  classIds: Int32Array,
  iouThreshold: number,
  options: NonMaxSuppressionOptions = {},
): Int32Array {
  const n = scores.length;
  if (classIds.length !== n) throw new Error(`batchedNonMaxSuppression: classIds has length ${classIds.length}, expected ${n}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(classIds[i]);
    if (list) list.push(i);
    else byClass.set(classIds[i], [i]);
  }
  const kept: number[] = [];
  for (const idx of byClass.values()) {
    const b = new Float32Array(4 * idx.length);
    const s = new Float32Array(idx.length);
    idx.forEach((src, k) => {
      b.set(boxes.subarray(4 * src, 4 * src + 4), 4 * k);
      s[k] = scores[src];
    });
    for (const k of nonMaxSuppression(b, s, iouThreshold, { scoreThreshold: options.scoreThreshold })) kept.push(idx[k]);
  }
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(options.maxOutput !== undefined ? kept.slice(0, options.maxOutput) : kept);
}
