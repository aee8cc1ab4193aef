import type { CellBox } from '../geometry/boxes';
import { pyramidBins } from './pyramidBins';
import { assertLevels, binCount } from './layout';

/**
 * Checks `windows` against a [h, w] map and returns them as a flat Int32Array [4N] of inclusive
 * cell boxes `[x1, y1, x2, y2]`; `null` means one window covering the whole map.
 * Errors name the bad window and value (NaN, non-integer, inverted, outside the map, zero-size map).
 */
export function normalizeWindows(windows: readonly CellBox[] | null, mapSize: readonly [number, number]): Int32Array {
  const [h, w] = mapSize;
  if (!(Number.isInteger(h) && Number.isInteger(w) && h >= 1 && w >= 1)) {
    throw new Error(`spatialPyramidPool: feature map must be at least 1x1 cells, got [h, w] = [${h}, ${w}]`);
  }
  if (windows === null) return Int32Array.of(0, 0, w - 1, h - 1);
  if (!Array.isArray(windows)) throw new Error(`spatialPyramidPool: windows must be an array of cell boxes or null, got ${typeof windows}`);
  const out = new Int32Array(4 * windows.length);
  windows.forEach((b, i) => {
    const text = () => `window ${i} [${Array.from(b ?? []).join(', ')}]`;
    if (!b || b.length !== 4) throw new Error(`spatialPyramidPool: ${text()} must have 4 numbers [x1, y1, x2, y2]`);
    for (let j = 0; j < 4; j++) {
      if (!Number.isInteger(b[j])) throw new Error(`spatialPyramidPool: ${text()} has a non-integer cell index ${b[j]}`);
    }
    if (b[2] < b[0] || b[3] < b[1]) throw new Error(`spatialPyramidPool: ${text()} is inverted (x2 < x1 or y2 < y1)`);
    if (b[0] < 0 || b[1] < 0 || b[2] >= w || b[3] >= h) {
      throw new Error(`spatialPyramidPool: ${text()} lies outside the ${h}x${w} map (cells 0..${w - 1}, 0..${h - 1})`);
    }
    out.set(b as ArrayLike<number>, 4 * i);
  });
  return out;
}

/**
 * Every pyramid bin of every window as an absolute cell rectangle, in pooled-vector order (window,
 * then level, then bin row, then bin col — see layout.ts), using the adaptive rule (PAPER App. A).
 * @param windows flat inclusive cell boxes from {@link normalizeWindows}.
 * @returns Int32Array [N * M * 4] of `[y0, y1, x0, x1)` (exclusive ends), the form every kernel reads.
 */
export function windowBinRects(windows: Int32Array, levels: readonly number[]): Int32Array {
  assertLevels(levels);
  const n = windows.length >> 2;
  const m = binCount(levels);
  const rects = new Int32Array(n * m * 4);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const x1 = windows[4 * i], y1 = windows[4 * i + 1];
    const ww = windows[4 * i + 2] - x1 + 1, wh = windows[4 * i + 3] - y1 + 1;
    for (const lv of levels) {
      const rows = pyramidBins(wh, lv), cols = pyramidBins(ww, lv);
      for (const [r0, r1] of rows) {
        for (const [c0, c1] of cols) {
          rects[o++] = y1 + r0; rects[o++] = y1 + r1; rects[o++] = x1 + c0; rects[o++] = x1 + c1;
        }
      }
    }
  }
  return rects;
}
