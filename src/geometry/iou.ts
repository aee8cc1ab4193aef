/**
 * Intersection over union of two continuous boxes `[x1, y1, x2, y2]` (no +1, as torchvision).
 * Boxes may come from flat arrays: pass an offset (in numbers, i.e. 4 * index).
 * @returns IoU in [0, 1]; 0 when both boxes are empty.
 */
export function iou(a: ArrayLike<number>, b: ArrayLike<number>, aOffset = 0, bOffset = 0): number {
  const ax1 = a[aOffset], ay1 = a[aOffset + 1], ax2 = a[aOffset + 2], ay2 = a[aOffset + 3];
  const bx1 = b[bOffset], by1 = b[bOffset + 1], bx2 = b[bOffset + 2], by2 = b[bOffset + 3];
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * IoU of every box in `a` (flat, 4N) with every box in `b` (flat, 4M).
 * @returns Float32Array [N * M], row-major (a index, b index).
 */
export function iouMatrix(a: Float32Array, b: Float32Array): Float32Array {
  const n = a.length >> 2, m = b.length >> 2;
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = iou(a, b, 4 * i, 4 * j);
  return out;
}
