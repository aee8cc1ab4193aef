/**
 * Branded box types. Every box is `[x1, y1, x2, y2]`; the brand says which space it lives in, so a
 * box in image pixels cannot be passed where conv5 cells are expected (ARCHITECTURE.md, Conventions).
 *
 * - `ImageBox`: continuous pixel coordinates of the original image; x2/y2 exclusive,
 *   area = (x2 - x1) * (y2 - y1) (no +1).
 * - `ScaledBox`: the same, in pixels of the image resized so that min(w, h) = s.
 * - `CellBox`: conv5 cells, inclusive integer indices (a 1-cell window is `[c, r, c, r]`).
 */
export type Box4 = readonly [number, number, number, number];
declare const SPACE: unique symbol;
export type ImageBox = Box4 & { readonly [SPACE]: 'image' };
export type ScaledBox = Box4 & { readonly [SPACE]: 'scaled' };
export type CellBox = Box4 & { readonly [SPACE]: 'cell' };

/** Image-pixel box `[x1, y1, x2, y2]` (x2, y2 exclusive). */
export function imageBox(x1: number, y1: number, x2: number, y2: number): ImageBox {
  return [x1, y1, x2, y2] as unknown as ImageBox;
}

/** Box in pixels at scale s `[x1, y1, x2, y2]` (x2, y2 exclusive). */
export function scaledBox(x1: number, y1: number, x2: number, y2: number): ScaledBox {
  return [x1, y1, x2, y2] as unknown as ScaledBox;
}

/** conv5 cell box `[x1, y1, x2, y2]`, inclusive integer indices. */
export function cellBox(x1: number, y1: number, x2: number, y2: number): CellBox {
  return [x1, y1, x2, y2] as unknown as CellBox;
}

/** Width and height of a cell box in cells (inclusive indices, so +1). */
export function cellBoxSize(box: CellBox): { width: number; height: number } {
  return { width: box[2] - box[0] + 1, height: box[3] - box[1] + 1 };
}

/** Area of a continuous box (ImageBox or ScaledBox): (x2 - x1)(y2 - y1), 0 when inverted. */
export function boxArea(box: Box4): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

/**
 * Throws a message naming the bad value unless `box` is four finite numbers with x1 <= x2, y1 <= y2.
 * @param what names the box in the message (e.g. 'window 3').
 */
export function assertValidBox(box: ArrayLike<number>, what = 'box'): void {
  if (box.length !== 4) throw new Error(`${what} must have 4 numbers [x1, y1, x2, y2], got length ${box.length}`);
  for (let i = 0; i < 4; i++) {
    if (!Number.isFinite(box[i])) throw new Error(`${what} has a non-finite coordinate: [${Array.from(box).join(', ')}]`);
  }
  if (box[2] < box[0] || box[3] < box[1]) {
    throw new Error(`${what} is inverted (x2 < x1 or y2 < y1): [${Array.from(box).join(', ')}]`);
  }
}
