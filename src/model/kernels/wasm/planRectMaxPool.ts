/**
 * Floats of one sparse sub-table per channel block. 1 M floats (4 MB) keeps a whole 43x57x256 conv5
 * table in one block, so each query writes a whole 1 KB output row; measured there (2,000 windows,
 * {6,3,2,1}): 1 block 18-20 ms, 2 blocks 36-45, 4 blocks 31-47. Bigger maps get channel blocks so
 * the 2 live tables stay in L3.
 */
const SUBTABLE_FLOATS = 1024 * 1024;

/** How {@link rectMaxPoolWasm} splits one call; from {@link planRectMaxPool}. */
export interface RectMaxPoolPlan {
  /** Rect indices grouped by the sub-table T[a][e] they read (a counting sort), e-major: e * ly + a. */
  order: Int32Array;
  /** Group g = e * ly + a is order[start[g] .. start[g + 1]). */
  start: Int32Array;
  /** Sub-tables per axis: 1 + floor(log2) of the tallest (ly) and widest (lx) rect. */
  ly: number;
  lx: number;
  /** Per e, the largest a any rect of width class e reads (-1: none); T[a][e] is built up to it. */
  maxA: Int32Array;
  /** Channels per block, a multiple of 4 (whole f32x4 vectors per table cell). */
  bs: number;
  /** Bytes of scratch one call needs: the order and 2 tables of [h * w, bs] floats, aligned. */
  scratchBytes: number;
}

/**
 * Checks the rects and plans a sparse-table max pool of them over an [h, w, k] map: sorts them by
 * the sub-table they read, finds which sub-tables are needed, and cuts channels into equal blocks
 * of at most SUBTABLE_FLOATS / (h * w) (rounded up to whole vectors).
 * @param rects Int32Array [R * 4] of `[y0, y1, x0, x1)`; each must be non-empty and inside the map.
 */
export function planRectMaxPool(shape: readonly [number, number, number], rects: Int32Array): RectMaxPoolPlan {
  const [h, w, k] = shape;
  const r = rects.length >> 2;
  const key = new Int32Array(r);
  let ly = 1, lx = 1;
  for (let i = 0; i < r; i++) {
    const y0 = rects[4 * i], y1 = rects[4 * i + 1], x0 = rects[4 * i + 2], x1 = rects[4 * i + 3];
    // The kernel reads the heap unchecked: a bad rect would read another tensor, so refuse it here.
    if (!(y0 >= 0 && y0 < y1 && y1 <= h && x0 >= 0 && x0 < x1 && x1 <= w)) {
      throw new Error(`SppRectPool: rect ${i} [${y0}, ${y1}, ${x0}, ${x1}) is empty or outside the ${h}x${w} map`);
    }
    const a = 31 - Math.clz32(y1 - y0), e = 31 - Math.clz32(x1 - x0);
    if (a >= ly) ly = a + 1;
    if (e >= lx) lx = e + 1;
    key[i] = (e << 16) | a;
  }
  const start = new Int32Array(ly * lx + 1);
  const maxA = new Int32Array(lx).fill(-1);
  for (let i = 0; i < r; i++) {
    const e = key[i] >> 16, a = key[i] & 0xffff;
    start[e * ly + a + 1]++;
    if (a > maxA[e]) maxA[e] = a;
  }
  for (let g = 0; g < ly * lx; g++) start[g + 1] += start[g];
  const next = start.slice(0, ly * lx);
  const order = new Int32Array(r);
  for (let i = 0; i < r; i++) order[next[(key[i] >> 16) * ly + (key[i] & 0xffff)]++] = i;
  const cells = h * w;
  const maxBs = Math.max(4, Math.floor(SUBTABLE_FLOATS / cells) & ~3);
  const blocks = Math.ceil(k / maxBs);
  const bs = (Math.ceil(k / blocks) + 3) & ~3;
  const scratchBytes = 16 + 4 * r + 64 + 2 * (cells * bs * 4 + 64);
  return { order, start, ly, lx, maxA, bs, scratchBytes };
}
