import type { Segmentation } from './felzenszwalb';

/**
 * Pairs of regions that touch in the 4-neighbourhood (SELECTIVE_SEARCH.md §1.8), each once.
 * One pass over horizontal and vertical pixel pairs into an open-addressing hash set of (min, max).
 * @returns Int32Array [2P]: a0, b0, a1, b1, ... with a < b, in order of first occurrence (raster).
 */
export function regionAdjacency(seg: Segmentation): Int32Array {
  const { width: w, height: h, labels, count } = seg;
  let cap = 1024;
  while (cap < 4 * count) cap <<= 1;
  let keysA = new Int32Array(cap).fill(-1), keysB = new Int32Array(cap);
  let pairs = new Int32Array(2 * Math.max(16, count));
  let size = 0;
  let lastA = -1, lastB = -1;
  const add = (p: number, q: number): void => {
    const a = p < q ? p : q, b = p < q ? q : p;
    if (a === lastA && b === lastB) return; // runs along a boundary repeat the same pair
    lastA = a; lastB = b;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & (cap - 1);
    while (keysA[i] !== -1) {
      if (keysA[i] === a && keysB[i] === b) return;
      i = (i + 1) & (cap - 1);
    }
    keysA[i] = a; keysB[i] = b;
    if (2 * size + 2 > pairs.length) { const g = new Int32Array(2 * pairs.length); g.set(pairs); pairs = g; }
    pairs[2 * size] = a; pairs[2 * size + 1] = b;
    size++;
    if (2 * size > cap) {
      // Grow the table and re-insert.
      cap <<= 1;
      keysA = new Int32Array(cap).fill(-1); keysB = new Int32Array(cap);
      for (let s = 0; s < size; s++) {
        const x = pairs[2 * s], y = pairs[2 * s + 1];
        let j = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & (cap - 1);
        while (keysA[j] !== -1) j = (j + 1) & (cap - 1);
        keysA[j] = x; keysB[j] = y;
      }
    }
  };
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      const l = labels[p];
      if (x + 1 < w && labels[p + 1] !== l) add(l, labels[p + 1]);
      if (y + 1 < h && labels[p + w] !== l) add(l, labels[p + w]);
    }
  }
  return pairs.slice(0, 2 * size);
}
