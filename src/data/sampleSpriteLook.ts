import { colourJitter, type ColourMatrix } from './colourJitter';
import type { Rng } from './createRng';
import type { EmojiClass } from './classes';

/** Options of {@link sampleSpriteLook}. */
export interface SpriteLookOptions {
  /** Largest rotation in degrees either way. @default 30 */
  maxRotationDeg?: number;
  /** Range of the non-uniform stretch (width / height factor). @default [0.7, 1.4] */
  aspectJitter?: readonly [number, number];
  /** Probability of a blurred object. @default 0.15 */
  blurProbability?: number;
  /** Apply colour jitter, blur and random rotation (false: upright, unjittered, sharp). @default true */
  jitter?: boolean;
}

/** How one object looks: scale, rotation, mirror, colour transform, blur. */
export interface SpriteLook {
  sx: number;
  sy: number;
  angle: number;
  flip: boolean;
  colour: ColourMatrix | undefined;
  blur: number;
}

/**
 * Random appearance for a glyph of w x h atlas pixels whose longer side should be about `size` image
 * pixels: stretch (log-uniform in aspectJitter, area kept), rotation (mostly small, sometimes up to
 * the limit), mirror, colour jitter and sometimes a 1-2 px blur.
 */
export function sampleSpriteLook(rng: Rng, w: number, h: number, size: number, options: SpriteLookOptions = {}): SpriteLook {
  const { maxRotationDeg = 30, aspectJitter = [0.7, 1.4], blurProbability = 0.15, jitter = true } = options;
  const stretch = rng.logUniform(aspectJitter[0], aspectJitter[1]);
  const base = size / Math.max(w, h);
  const sx = base * Math.sqrt(stretch), sy = base / Math.sqrt(stretch);
  const maxA = (maxRotationDeg * Math.PI) / 180;
  const raw = rng.chance(0.6) ? rng.normal() * (maxA / 5) : rng.uniform(-maxA, maxA);
  const angle = jitter ? Math.max(-maxA, Math.min(maxA, raw)) : 0;
  const flip = rng.chance(0.5);
  const colour = colourJitter(rng);
  const blurred = rng.chance(blurProbability);
  const blur = blurred ? rng.int(1, size > 60 ? 2 : 1) : 0;
  return jitter ? { sx, sy, angle, flip, colour, blur } : { sx, sy, angle, flip, colour: undefined, blur: 0 };
}

/** A class's emoji: the canonical one half the time, otherwise a uniformly chosen variant. */
export function pickClassEmoji(rng: Rng, cls: EmojiClass): string {
  if (cls.variants.length === 0 || rng.chance(0.5)) return cls.emoji;
  return rng.pick(cls.variants);
}
