/**
 * The pooled-vector layout, documented once here and used by the model, the views and the tests
 * (ARCHITECTURE.md): bin-major, NHWC-natural. Levels come in their configured order; for level n
 * the n*n bins are row-major (bin row, bin col), and each bin contributes k consecutive channel
 * values. So the offset of level l is k * (sum of n^2 over earlier levels), and the value of
 * channel c in bin (r, q) of level l sits at levelOffset(l) + (r * n + q) * k + c.
 * Length: k * M with M = sum of n^2 (50 for {6,3,2,1}; 12,800 values for k = 256).
 */
export interface PooledIndex {
  /** Index into `levels`. */
  level: number;
  /** Bins per side at that level. */
  n: number;
  binRow: number;
  binCol: number;
  channel: number;
}

/** Throws unless `levels` is a non-empty list of integers >= 1. */
export function assertLevels(levels: readonly number[]): void {
  if (!Array.isArray(levels) || levels.length === 0) throw new Error(`levels must be a non-empty array, got ${JSON.stringify(levels)}`);
  for (const n of levels) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`levels must be integers >= 1, got ${JSON.stringify(levels)} (bad value ${n})`);
  }
}

/** M = sum of n^2: bins in the whole pyramid. */
export function binCount(levels: readonly number[]): number {
  return levels.reduce((s, n) => s + n * n, 0);
}

/** k * M: length of one window's pooled vector. */
export function pooledLength(k: number, levels: readonly number[]): number {
  return k * binCount(levels);
}

/** Offset of level `l` (index into `levels`) in the pooled vector: k * sum of earlier n^2. */
export function levelOffset(k: number, levels: readonly number[], l: number): number {
  let bins = 0;
  for (let i = 0; i < l; i++) bins += levels[i] * levels[i];
  return k * bins;
}

/** Flat index of (level, bin row, bin col, channel) in the pooled vector. */
export function pooledIndex(k: number, levels: readonly number[], l: number, binRow: number, binCol: number, channel: number): number {
  return levelOffset(k, levels, l) + (binRow * levels[l] + binCol) * k + channel;
}

/** Inverse of {@link pooledIndex}: which level, bin and channel a flat index belongs to. */
export function decodePooledIndex(k: number, levels: readonly number[], index: number): PooledIndex {
  if (!Number.isInteger(index) || index < 0 || index >= pooledLength(k, levels)) {
    throw new Error(`decodePooledIndex: index ${index} outside [0, ${pooledLength(k, levels)})`);
  }
  let bin = Math.floor(index / k);
  const channel = index - bin * k;
  for (let l = 0; l < levels.length; l++) {
    const n = levels[l];
    if (bin < n * n) return { level: l, n, binRow: Math.floor(bin / n), binCol: bin % n, channel };
    bin -= n * n;
  }
  throw new Error('unreachable');
}
