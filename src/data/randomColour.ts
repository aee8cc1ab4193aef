import type { Rng } from './createRng';

/** An RGB colour, components 0..255. */
export type Rgb = [number, number, number];

/** HSV (h in turns 0..1, s and v in 0..1) to RGB 0..255. */
export function hsvToRgb(h: number, s: number, v: number): Rgb {
  const hh = ((h % 1) + 1) % 1 * 6;
  const i = Math.floor(hh), f = hh - i;
  const p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i % 6];
  return [r * 255, g * 255, b * 255];
}

/** Options of {@link randomColour}. */
export interface RandomColourOptions {
  /** Saturation range. @default [0, 0.85] */
  saturation?: readonly [number, number];
  /** Value (brightness) range. @default [0.12, 1] */
  value?: readonly [number, number];
  /** If set, the hue stays within +-hueSpread turns of this hue (a related colour). */
  nearHue?: number;
  /** Hue spread around nearHue, in turns. @default 0.08 */
  hueSpread?: number;
}

/** A random colour, uniform in hue and in the given saturation and value ranges. */
export function randomColour(rng: Rng, options: RandomColourOptions = {}): Rgb {
  const { saturation = [0, 0.85], value = [0.12, 1], nearHue, hueSpread = 0.08 } = options;
  const h = nearHue === undefined ? rng.next() : nearHue + rng.uniform(-hueSpread, hueSpread);
  return hsvToRgb(h, rng.uniform(saturation[0], saturation[1]), rng.uniform(value[0], value[1]));
}

/** Linear interpolation of a palette at t in [0, 1] (stops evenly spaced), written into out[o..o+2]. */
export function samplePalette(palette: readonly Rgb[], t: number, out: Float32Array, o: number): void {
  const n = palette.length - 1;
  const x = (t <= 0 ? 0 : t >= 1 ? 1 : t) * n;
  const i = Math.min(n - 1, Math.floor(x));
  const f = x - i;
  const a = palette[i], b = palette[i + 1];
  out[o] = a[0] + (b[0] - a[0]) * f;
  out[o + 1] = a[1] + (b[1] - a[1]) * f;
  out[o + 2] = a[2] + (b[2] - a[2]) * f;
}
