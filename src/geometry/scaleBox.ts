import { type ImageBox, type ScaledBox, imageBox, scaledBox } from './boxes';

/**
 * Resize factor for scale s: the image is resized so that min(w, h) = s (PAPER §3.2).
 * @param imageSize [width, height] of the original image in pixels.
 */
export function scaleFactor(imageSize: readonly [number, number], s: number): number {
  const m = Math.min(imageSize[0], imageSize[1]);
  if (!(m > 0)) throw new Error(`scaleFactor: image size must be positive, got [${imageSize.join(', ')}]`);
  if (!(s > 0)) throw new Error(`scaleFactor: scale must be positive, got ${s}`);
  return s / m;
}

/** Size [width, height] of the image resized to scale s (rounded to whole pixels, at least 1). */
export function scaledImageSize(imageSize: readonly [number, number], s: number): [number, number] {
  const f = scaleFactor(imageSize, s);
  return [Math.max(1, Math.round(imageSize[0] * f)), Math.max(1, Math.round(imageSize[1] * f))];
}

/** Maps an image-pixel box to pixels at scale s. */
export function imageToScaled(box: ImageBox, imageSize: readonly [number, number], s: number): ScaledBox {
  const f = scaleFactor(imageSize, s);
  return scaledBox(box[0] * f, box[1] * f, box[2] * f, box[3] * f);
}

/** Maps a box in pixels at scale s back to image pixels. */
export function scaledToImage(box: ScaledBox, imageSize: readonly [number, number], s: number): ImageBox {
  const f = scaleFactor(imageSize, s);
  return imageBox(box[0] / f, box[1] / f, box[2] / f, box[3] / f);
}
