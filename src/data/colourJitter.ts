import type { Rng } from './createRng';

/**
 * An affine colour transform, row-major 3x4: out_r = m[0] r + m[1] g + m[2] b + m[3] (0..255 units);
 * likewise rows 4..7 for green and 8..11 for blue.
 */
export type ColourMatrix = readonly number[];

/** The transform that changes nothing. */
export const IDENTITY_COLOUR: ColourMatrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

/** Options of {@link colourJitter}. */
export interface ColourJitterOptions {
  /** Multiplies every jitter range (0 = identity). @default 1 */
  strength?: number;
}

const LUMA = [0.299, 0.587, 0.114];

/**
 * A random per-object colour transform: brightness x0.65-1.3, contrast x0.7-1.3 about mid-grey,
 * saturation x0.35-1.4, hue rotation +-12 degrees, per-channel gain +-8 % (white balance).
 */
export function colourJitter(rng: Rng, options: ColourJitterOptions = {}): ColourMatrix {
  const k = options.strength ?? 1;
  const around = (lo: number, hi: number): number => 1 + (rng.logUniform(lo, hi) - 1) * k;
  const brightness = around(0.65, 1.3), contrast = around(0.7, 1.3), saturation = around(0.35, 1.4);
  const hue = rng.uniform(-12, 12) * k * (Math.PI / 180);
  const gains = [0, 1, 2].map(() => 1 + rng.uniform(-0.08, 0.08) * k);
  // Hue rotation about the grey axis (rotation by `hue` in the plane orthogonal to (1,1,1)).
  const c = Math.cos(hue), s = Math.sin(hue), t = (1 - c) / 3, q = Math.sqrt(1 / 3) * s;
  const rot = [c + t, t - q, t + q, t + q, c + t, t - q, t - q, t + q, c + t];
  const m: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let col = 0; col < 3; col++) {
      // Saturation matrix row r: (1 - s) * luma + s * e_r, composed after the hue rotation.
      let v = 0;
      for (let j = 0; j < 3; j++) v += ((1 - saturation) * LUMA[j] + (j === r ? saturation : 0)) * rot[j * 3 + col];
      m.push(gains[r] * brightness * contrast * v);
    }
    m.push(gains[r] * brightness * 128 * (1 - contrast));
  }
  return m;
}
