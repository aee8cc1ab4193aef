/** Pooling inside each bin. */
export type PoolMode = 'max' | 'avg';

/** Result of {@link rectPoolReference}. */
export interface RectPoolResult {
  /** [R, k] pooled values, row-major. */
  values: Float32Array;
  /** [R, k] flat index (y * w + x) * k + c of the arg-max cell (max mode; first maximum in raster order). */
  argmax: Int32Array;
}

/**
 * Reference pooling on plain arrays: for every rectangle, the max (or mean) of each channel over
 * its cells. Straightforward loops, used as the oracle for every faster implementation.
 * @param map Float32Array [h, w, k] row-major (NHWC without N).
 * @param rects Int32Array [R * 4] of `[y0, y1, x0, x1)` from windowBinRects().
 */
export function rectPoolReference(
  map: Float32Array,
  shape: readonly [number, number, number],
  rects: Int32Array,
  mode: PoolMode = 'max',
): RectPoolResult {
  const [h, w, k] = shape;
  if (map.length !== h * w * k) throw new Error(`rectPoolReference: map has ${map.length} values, expected ${h}*${w}*${k}`);
  const r = rects.length >> 2;
  const values = new Float32Array(r * k);
  const argmax = new Int32Array(r * k).fill(-1);
  for (let i = 0; i < r; i++) {
    const y0 = rects[4 * i], y1 = rects[4 * i + 1], x0 = rects[4 * i + 2], x1 = rects[4 * i + 3];
    const count = (y1 - y0) * (x1 - x0);
    for (let c = 0; c < k; c++) {
      let best = -Infinity, bestAt = -1, sum = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const at = (y * w + x) * k + c;
          const v = map[at];
          sum += v;
          if (v > best || bestAt < 0) { best = v; bestAt = at; }
        }
      }
      values[i * k + c] = mode === 'max' ? best : sum / count;
      argmax[i * k + c] = bestAt;
    }
  }
  return { values, argmax };
}
