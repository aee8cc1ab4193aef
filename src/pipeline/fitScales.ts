import { scaledImageSize } from '../geometry/scaleBox';

/** Largest side (px) of the image the trunk sees: keeps WebGPU dispatches far below their limits (PLATFORM.md, tfjs#8373). */
export const MAX_TRUNK_SIDE = 2048;
/** Largest trunk input in pixels (~2.5 MP; PLATFORM.md: cap or tile above ~2 MP). */
export const MAX_TRUNK_PIXELS = 2_500_000;

/** Options of {@link fitScales}. */
export interface FitScalesOptions {
  /** @default MAX_TRUNK_SIDE */
  maxSide?: number;
  /** @default MAX_TRUNK_PIXELS */
  maxPixels?: number;
}

/** A scale as asked for and as it will run. */
export interface FittedScale {
  requested: number;
  /** min side after resizing; smaller than `requested` when the resized image would exceed a cap. */
  s: number;
}

/**
 * Lowers scales whose resized image (min side = s, PAPER §3.2) would exceed `maxSide` on its longer
 * side or `maxPixels` in area: very elongated or large-scale inputs then still run on every backend.
 * Scales that collapse onto the same value are kept once, in order.
 * @param imageSize [width, height] of the image in pixels.
 */
export function fitScales(imageSize: readonly [number, number], scales: readonly number[], options: FitScalesOptions = {}): FittedScale[] {
  const maxSide = options.maxSide ?? MAX_TRUNK_SIDE;
  const maxPixels = options.maxPixels ?? MAX_TRUNK_PIXELS;
  const [w, h] = imageSize;
  if (!(w > 0 && h > 0)) throw new Error(`fitScales: image size must be positive, got [${imageSize.join(', ')}]`);
  const short = Math.min(w, h), long = Math.max(w, h);
  const out: FittedScale[] = [];
  for (const requested of scales) {
    if (!(requested > 0)) throw new Error(`fitScales: scales must be positive, got ${requested}`);
    // At scale s the long side is s * long / short and the area s^2 * long / short.
    const bySide = Math.floor((maxSide * short) / long);
    const byArea = Math.floor(Math.sqrt((maxPixels * short) / long));
    let s = Math.max(1, Math.min(requested, bySide, byArea));
    // Rounding in scaledImageSize may add a pixel: step down until both caps hold.
    while (s > 1) {
      const [sw, sh] = scaledImageSize(imageSize, s);
      if (Math.max(sw, sh) <= maxSide && sw * sh <= maxPixels) break;
      s--;
    }
    if (!out.some((f) => f.s === s)) out.push({ requested, s });
  }
  return out;
}
