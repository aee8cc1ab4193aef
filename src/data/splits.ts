/**
 * Fixed Emoji-VOC splits: every image is generated from its seed, so a split is just a disjoint seed
 * range. Scene i of split s has seed `SPLITS[s].sceneSeedBase + i`; object image i of split s has seed
 * `OBJECT_SPLITS[s].seedBase + i`. Ranges are SPLIT_STRIDE wide, so a split can grow (a larger `count`)
 * without touching another's seeds.
 */

/** Width of every split's seed range. */
export const SPLIT_STRIDE = 1_000_000;

/** A split's first seed and its default size. */
export interface SplitRange {
  /** Seed of image 0. */
  readonly seedBase: number;
  /** Default number of images. */
  readonly count: number;
}

/** Scene splits (detection): train / val / test. */
export const SPLITS = {
  train: { seedBase: 1 * SPLIT_STRIDE, count: 4000 },
  val: { seedBase: 2 * SPLIT_STRIDE, count: 500 },
  test: { seedBase: 3 * SPLIT_STRIDE, count: 500 },
} as const satisfies Record<string, SplitRange>;

/** Single-object image splits (classification): train / test. */
export const OBJECT_SPLITS = {
  train: { seedBase: 11 * SPLIT_STRIDE, count: 20000 },
  test: { seedBase: 12 * SPLIT_STRIDE, count: 2000 },
} as const satisfies Record<string, SplitRange>;

/** Name of a scene split. */
export type SceneSplit = keyof typeof SPLITS;
/** Name of an object-image split. */
export type ObjectSplit = keyof typeof OBJECT_SPLITS;

/** Seed of scene `i` (0-based) of a split; throws on an unknown split or an index outside its range. */
export function sceneSeed(split: SceneSplit, i: number): number {
  return seedIn(SPLITS, split, i, 'sceneSeed');
}

/** Seed of object image `i` (0-based) of a split; throws on an unknown split or an index outside its range. */
export function objectSeed(split: ObjectSplit, i: number): number {
  return seedIn(OBJECT_SPLITS, split, i, 'objectSeed');
}

function seedIn(table: Record<string, SplitRange>, split: string, i: number, what: string): number {
  const range = Object.hasOwn(table, split) ? table[split] : undefined;
  if (!range) throw new Error(`${what}: unknown split ${JSON.stringify(split)} (expected ${Object.keys(table).join(', ')})`);
  if (!Number.isInteger(i) || i < 0 || i >= SPLIT_STRIDE) throw new Error(`${what}: index must be an integer in [0, ${SPLIT_STRIDE}), got ${i}`);
  return range.seedBase + i;
}
