import type { Rng } from './createRng';

/**
 * A random image size with both sides in `sideRange` and width / height in `aspectRange`: one side
 * (width or height, by coin flip) is uniform in its range, the other uniform in what the two ranges
 * leave for it (redrawn when nothing is left).
 * @param sideRange [min, max] pixels per side (integers).
 * @param aspectRange [min, max] of width / height.
 */
export function sampleImageSize(rng: Rng, sideRange: readonly [number, number], aspectRange: readonly [number, number]): { width: number; height: number } {
  const [lo, hi] = sideRange, [amin, amax] = aspectRange;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && lo <= hi)) throw new Error(`sampleImageSize: sideRange must be integers 1 <= min <= max, got [${lo}, ${hi}]`);
  if (!(amin > 0 && amin <= amax)) throw new Error(`sampleImageSize: aspectRange must be 0 < min <= max, got [${amin}, ${amax}]`);
  for (let attempt = 0; attempt < 100; attempt++) {
    const widthFirst = rng.chance(0.5);
    const a = rng.int(lo, hi);
    // Other side b: lo <= b <= hi and amin <= ratio <= amax, ratio = a / b (width first) or b / a.
    const bLo = Math.max(lo, Math.ceil(widthFirst ? a / amax : a * amin));
    const bHi = Math.min(hi, Math.floor(widthFirst ? a / amin : a * amax));
    if (bLo > bHi) continue;
    const b = rng.int(bLo, bHi);
    return widthFirst ? { width: a, height: b } : { width: b, height: a };
  }
  throw new Error(`sampleImageSize: found no size with sides in [${lo}, ${hi}] and aspect in [${amin}, ${amax}]`);
}
