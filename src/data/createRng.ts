/**
 * Seeded random source for the generator. The core is mulberry32, the same algorithm as
 * src/proposals/seededRandom.ts (copied: data/ may import only geometry/), so a seed gives the same
 * sequence on every platform and every JS engine.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Log-uniform float in [lo, hi) (lo, hi > 0): every octave equally likely. */
  logUniform(lo: number, hi: number): number;
  /** Standard normal sample (Box-Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new independent generator seeded from this one (for sub-steps whose draw count varies). */
  fork(): Rng;
}

/** Mixes a 32-bit seed so that neighbouring seeds (0, 1, 2, ...) start far apart (murmur3 finaliser). */
function mixSeed(seed: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seeded {@link Rng}.
 * @param seed any integer (its low 32 bits are used); same seed, same sequence.
 */
export function createRng(seed: number): Rng {
  let s = mixSeed(seed);
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    logUniform: (lo, hi) => lo * Math.exp(Math.log(hi / lo) * next()),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(items.length * next())],
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}
