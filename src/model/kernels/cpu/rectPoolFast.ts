import type { PoolMode } from '../../../spp/sppReference';

/** Floats the sparse tables may use at once (32 MB): channels are processed in blocks to fit. */
const TABLE_BUDGET = 8 * 1024 * 1024;
/** Floats of one sub-table per channel block, sized to stay in a core's L2 cache (1 MB here). */
const SUBTABLE_BUDGET = 192 * 1024;
let scratch = new Float32Array(0);

/**
 * Fast rectangle pooling on plain arrays for the cpu and wasm backends; equals rectPoolReference
 * exactly. Max: a 2-D sparse table (range-maximum query) per block of channels, so each bin costs 4
 * reads per channel whatever its size: T[ly][lx] holds the max over 2^ly x 2^lx cells, built by
 * doubling; a bin of h x w cells is the max of the 4 overlapping 2^floor(log2 h) x 2^floor(log2 w)
 * squares at its corners. Avg: a summed-area table per channel (4 reads per channel per bin).
 * @param map Float32Array [h, w, k]; @param rects Int32Array [R * 4] `[y0, y1, x0, x1)`.
 * @param out where to write [R, k] (e.g. a view of the wasm heap, to skip a copy); allocated if absent.
 * @returns `out`, Float32Array [R, k].
 */
export function rectPoolFast(
  map: ArrayLike<number>,
  shape: readonly [number, number, number],
  rects: Int32Array,
  mode: PoolMode,
  out: Float32Array = new Float32Array((rects.length >> 2) * shape[2]),
): Float32Array {
  if (out.length !== (rects.length >> 2) * shape[2]) throw new Error(`rectPoolFast: out has ${out.length} values, expected ${(rects.length >> 2) * shape[2]}`);
  return mode === 'max' ? maxPoolSparseTable(map, shape, rects, out) : avgPoolIntegral(map, shape, rects, out);
}

function maxPoolSparseTable(map: ArrayLike<number>, [h, w, k]: readonly [number, number, number], rects: Int32Array, out: Float32Array): Float32Array {
  const r = rects.length >> 2;
  if (r === 0) return out;
  let maxH = 1, maxW = 1;
  for (let i = 0; i < r; i++) {
    maxH = Math.max(maxH, rects[4 * i + 1] - rects[4 * i]);
    maxW = Math.max(maxW, rects[4 * i + 3] - rects[4 * i + 2]);
  }
  const log2 = new Int32Array(Math.max(h, w) + 1);
  for (let i = 2; i < log2.length; i++) log2[i] = log2[i >> 1] + 1;
  const ly = log2[maxH] + 1, lx = log2[maxW] + 1;
  const order = groupBySubTable(rects, log2, lx, ly * lx);
  const cells = h * w;
  const block = Math.max(1, Math.min(k, Math.floor(TABLE_BUDGET / (ly * lx * cells)), Math.floor(SUBTABLE_BUDGET / cells)));
  const plane = cells * block;
  if (scratch.length < ly * lx * plane) scratch = new Float32Array(ly * lx * plane);
  const t = scratch;
  for (let c0 = 0; c0 < k; c0 += block) {
    const b = Math.min(block, k - c0);
    // T[0][0] = the map's channels [c0, c0 + b), laid out [h, w, block].
    for (let p = 0; p < cells; p++) {
      const src = p * k + c0, dst = p * block;
      for (let j = 0; j < b; j++) t[dst + j] = map[src + j];
    }
    for (let a = 0; a < ly; a++) {
      for (let e = a === 0 ? 1 : 0; e < lx; e++) {
        // Double along x from T[a][e-1], or along y from T[a-1][e].
        const dst = (a * lx + e) * plane;
        const alongX = e > 0 && a === 0;
        const src = alongX ? (a * lx + e - 1) * plane : ((a - 1) * lx + e) * plane;
        const step = alongX ? (1 << (e - 1)) * block : (1 << (a - 1)) * w * block;
        const yEnd = h - (1 << a) + 1, xEnd = w - (1 << e) + 1;
        for (let y = 0; y < yEnd; y++) {
          for (let x = 0; x < xEnd; x++) {
            const o = (y * w + x) * block;
            for (let j = 0; j < b; j++) {
              const u = t[src + o + j], v = t[src + o + step + j];
              t[dst + o + j] = u > v ? u : v;
            }
          }
        }
      }
    }
    // Visit rects grouped by the sub-table they read, so that table stays in cache.
    for (let g = 0; g < order.length; g++) {
      const i = order[g];
      const y0 = rects[4 * i], y1 = rects[4 * i + 1], x0 = rects[4 * i + 2], x1 = rects[4 * i + 3];
      const a = log2[y1 - y0], e = log2[x1 - x0];
      const base = (a * lx + e) * plane;
      const yb = y1 - (1 << a), xb = x1 - (1 << e);
      const p00 = base + (y0 * w + x0) * block, p01 = base + (y0 * w + xb) * block;
      const p10 = base + (yb * w + x0) * block, p11 = base + (yb * w + xb) * block;
      const o = i * k + c0;
      for (let j = 0; j < b; j++) {
        const u = t[p00 + j], v = t[p01 + j], s = t[p10 + j], q = t[p11 + j];
        const m1 = u > v ? u : v, m2 = s > q ? s : q;
        out[o + j] = m1 > m2 ? m1 : m2;
      }
    }
  }
  return out;
}

/** Rect indices ordered by the (ly, lx) sub-table they read (a counting sort). */
function groupBySubTable(rects: Int32Array, log2: Int32Array, lx: number, tables: number): Int32Array {
  const r = rects.length >> 2;
  const key = new Int32Array(r);
  const count = new Int32Array(tables + 1);
  for (let i = 0; i < r; i++) {
    key[i] = log2[rects[4 * i + 1] - rects[4 * i]] * lx + log2[rects[4 * i + 3] - rects[4 * i + 2]];
    count[key[i] + 1]++;
  }
  for (let j = 0; j < tables; j++) count[j + 1] += count[j];
  const order = new Int32Array(r);
  for (let i = 0; i < r; i++) order[count[key[i]]++] = i;
  return order;
}

function avgPoolIntegral(map: ArrayLike<number>, [h, w, k]: readonly [number, number, number], rects: Int32Array, out: Float32Array): Float32Array {
  const r = rects.length >> 2;
  // Summed-area table in float64, [(h + 1), (w + 1), k], S[y][x] = sum over [0, y) x [0, x).
  const W = w + 1;
  const s = new Float64Array((h + 1) * W * k);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = ((y + 1) * W + x + 1) * k, up = (y * W + x + 1) * k, left = ((y + 1) * W + x) * k, diag = (y * W + x) * k;
      const src = (y * w + x) * k;
      for (let c = 0; c < k; c++) s[o + c] = map[src + c] + s[up + c] + s[left + c] - s[diag + c];
    }
  }
  for (let i = 0; i < r; i++) {
    const y0 = rects[4 * i], y1 = rects[4 * i + 1], x0 = rects[4 * i + 2], x1 = rects[4 * i + 3];
    const inv = 1 / ((y1 - y0) * (x1 - x0));
    const a = (y1 * W + x1) * k, b = (y0 * W + x1) * k, c = (y1 * W + x0) * k, d = (y0 * W + x0) * k;
    for (let j = 0; j < k; j++) out[i * k + j] = (s[a + j] - s[b + j] - s[c + j] + s[d + j]) * inv;
  }
  return out;
}
