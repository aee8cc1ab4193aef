import { type ImageBox, assertValidBox, boxArea } from './boxes';
import { scaleFactor } from './scaleBox';

/** Area of the training input, 224 x 224 (PAPER §3.3). */
export const TRAIN_AREA = 224 * 224;

/**
 * Multi-scale detection (PAPER §3.3): pick the single scale s at which the window, after resizing
 * the image so that min(w, h) = s, has the area closest to the training input's area.
 * For a 500x375 image and scales {480, 576, 688, 864, 1200}: a 100x100 box picks 864, 400x300
 * picks 480, 30x60 picks 1200 (PAPER.md).
 * @param box window in original-image pixels.
 * @param imageSize [width, height] of the original image.
 * @param scales candidate values of s (min side after resizing, pixels).
 * @param trainArea target area in pixels^2. @default 224 * 224
 * @returns the chosen s (ties go to the earlier scale in `scales`).
 */
export function chooseScale(
  box: ImageBox,
  imageSize: readonly [number, number],
  scales: readonly number[],
  trainArea: number = TRAIN_AREA,
): number {
  assertValidBox(box, 'chooseScale: box');
  if (scales.length === 0) throw new Error('chooseScale: scales must not be empty');
  if (!(trainArea > 0)) throw new Error(`chooseScale: trainArea must be positive, got ${trainArea}`);
  const area = boxArea(box);
  let best = scales[0];
  let bestDiff = Infinity;
  for (const s of scales) {
    const f = scaleFactor(imageSize, s);
    const diff = Math.abs(area * f * f - trainArea);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = s;
    }
  }
  return best;
}
