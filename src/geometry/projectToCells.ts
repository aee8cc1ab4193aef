import { type CellBox, type ScaledBox, assertValidBox, cellBox } from './boxes';

/**
 * Projects a window (pixels at scale s) onto conv5 cells, PAPER App. A / §3.4: with S the product
 * of all strides, left/top = floor(x / S) + 1 and right/bottom = ceil(x / S) - 1, i.e. round inward
 * so that the cells' receptive-field centres lie inside the window. If an axis inverts (a window
 * narrower than ~2S) it collapses to the cell under the window's centre; the result is clamped to
 * the map. Example: S = 16, x in [100, 300] gives cells 7..18.
 * @param mapSize [height, width] of the conv5 map in cells.
 * @returns inclusive cell indices `[x1, y1, x2, y2]`.
 */
export function projectToCells(box: ScaledBox, stride: number, mapSize: readonly [number, number]): CellBox {
  assertValidBox(box, 'projectToCells: window');
  if (!(stride > 0)) throw new Error(`projectToCells: stride must be positive, got ${stride}`);
  const [h, w] = mapSize;
  if (!(h >= 1 && w >= 1) || !Number.isInteger(h) || !Number.isInteger(w)) {
    throw new Error(`projectToCells: mapSize must be positive integers [h, w], got [${mapSize.join(', ')}]`);
  }
  const [x1, x2] = projectAxis(box[0], box[2], stride, w);
  const [y1, y2] = projectAxis(box[1], box[3], stride, h);
  return cellBox(x1, y1, x2, y2);
}

/** One axis of {@link projectToCells}: [lo, hi] pixels -> inclusive [first, last] cells in [0, n). */
export function projectAxis(lo: number, hi: number, stride: number, n: number): [number, number] {
  let a = Math.floor(lo / stride) + 1; // PAPER App. A: round inward
  let b = Math.ceil(hi / stride) - 1;
  if (a > b) a = b = Math.floor((lo + hi) / 2 / stride); // tiny window: its centre cell
  a = clamp(a, 0, n - 1);
  b = clamp(b, 0, n - 1);
  return [a, b];
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
