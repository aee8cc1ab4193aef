import { radixSortPairs } from './radixSort';

/**
 * The 8-connected pixel graph of an image, edges sorted by weight ascending (SELECTIVE_SEARCH.md §1.3–4).
 * Edge id = 4 * pixel + direction; direction 0: (x+1, y), 1: (x, y+1), 2: (x+1, y+1), 3: (x+1, y-1),
 * the original FH code's order, so equal weights keep its order (the sort is stable).
 */
export interface SortedEdges {
  /** Image width in pixels (decodes the second end of an edge). */
  width: number;
  /** Number of edges E. */
  count: number;
  /** Uint32Array [2E], by ascending weight: float32 bits of edge e's weight at 2e, its id at 2e + 1. */
  pairs: Uint32Array;
  /**
   * Float32 view of `pairs` (same buffer): edge e's weight (Euclidean distance of the smoothed
   * channel vectors) is weights[2e].
   */
  weights: Float32Array;
}

/** Offset from the first to the second pixel of an edge, per direction. */
export function edgeOffsets(width: number): Int32Array {
  return Int32Array.of(1, width, width + 1, 1 - width);
}

/**
 * Builds and sorts the edges of a planar float image (`[c * w * h + pixel]`).
 * @param planes smoothed channels (1 to 3), any units (FH uses 0..255).
 */
export function sortedGraphEdges(planes: Float32Array, w: number, h: number, channels: number): SortedEdges {
  if (channels < 1 || channels > 3) throw new Error(`sortedGraphEdges: 1 to 3 channels, got ${channels}`);
  const n = w * h;
  const count = w > 0 && h > 0 ? (w - 1) * h + w * (h - 1) + 2 * (w - 1) * (h - 1) : 0;
  const pairs = new Uint32Array(2 * count);
  const weights = new Float32Array(pairs.buffer);
  // Planes padded to 3 (missing channels read as 0) so the distance is one unrolled expression.
  const c0 = planes.subarray(0, n);
  const c1 = channels > 1 ? planes.subarray(n, 2 * n) : new Float32Array(n);
  const c2 = channels > 2 ? planes.subarray(2 * n, 3 * n) : new Float32Array(n);
  let e = 0;
  for (let y = 0; y < h; y++) {
    const down = y + 1 < h, up = y > 0;
    let p = y * w;
    // Per pixel in the FH order: right, down, down-right, up-right.
    for (let x = 0; x + 1 < w; x++, p++) {
      const a0 = c0[p], a1 = c1[p], a2 = c2[p];
      let q = p + 1;
      let d0 = a0 - c0[q], d1 = a1 - c1[q], d2 = a2 - c2[q];
      pairs[2 * e + 1] = 4 * p; weights[2 * e] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2); e++;
      if (down) {
        q = p + w;
        d0 = a0 - c0[q]; d1 = a1 - c1[q]; d2 = a2 - c2[q];
        pairs[2 * e + 1] = 4 * p + 1; weights[2 * e] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2); e++;
        q++;
        d0 = a0 - c0[q]; d1 = a1 - c1[q]; d2 = a2 - c2[q];
        pairs[2 * e + 1] = 4 * p + 2; weights[2 * e] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2); e++;
      }
      if (up) {
        q = p - w + 1;
        d0 = a0 - c0[q]; d1 = a1 - c1[q]; d2 = a2 - c2[q];
        pairs[2 * e + 1] = 4 * p + 3; weights[2 * e] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2); e++;
      }
    }
    if (down) {
      const q = p + w;
      const d0 = c0[p] - c0[q], d1 = c1[p] - c1[q], d2 = c2[p] - c2[q];
      pairs[2 * e + 1] = 4 * p + 1; weights[2 * e] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2); e++;
    }
  }
  radixSortPairs(pairs); // weights are >= 0, so their float bits sort as numbers
  return { width: w, count, pairs, weights };
}
