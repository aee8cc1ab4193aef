import { describe, expect, it } from 'vitest';
import { radixSortPairs } from './radixSort';
import { seededRandom } from './seededRandom';

const keysOf = (p: Uint32Array) => Array.from(p).filter((_, i) => i % 2 === 0);
const valuesOf = (p: Uint32Array) => Array.from(p).filter((_, i) => i % 2 === 1);

describe('radixSortPairs', () => {
  it('sorts a tiny inline list of (key, value) pairs, stable on equal keys', () => {
    const pairs = Uint32Array.of(5, 0, 1, 1, 4, 2, 1, 3, 0, 4, 3000000000, 5, 70000, 6);
    radixSortPairs(pairs);
    expect(keysOf(pairs)).toEqual([0, 1, 1, 4, 5, 70000, 3000000000]);
    expect(valuesOf(pairs)).toEqual([4, 1, 3, 2, 0, 6, 5]); // the two 1s keep order 1, 3
  });

  it('sorts non-negative float32 weights by their bits exactly as a numeric sort', () => {
    const rnd = seededRandom(3);
    const n = 5000, pairs = new Uint32Array(2 * n), w = new Float32Array(pairs.buffer);
    for (let i = 0; i < n; i++) {
      w[2 * i] = rnd() < 0.1 ? 0 : rnd() < 0.5 ? rnd() * 441 : rnd() * 1e-3;
      pairs[2 * i + 1] = i;
    }
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => w[2 * a] - w[2 * b] || a - b);
    const weightOf = new Float32Array(n);
    for (let i = 0; i < n; i++) weightOf[i] = w[2 * i];
    radixSortPairs(pairs);
    expect(valuesOf(pairs)).toEqual(expected);
    for (let i = 1; i < n; i++) expect(w[2 * i]).toBeGreaterThanOrEqual(w[2 * i - 2]);
    for (let i = 0; i < n; i++) expect(w[2 * i]).toBe(weightOf[pairs[2 * i + 1]]);
  });

  it('skips a digit all keys share and still sorts (keys below 2^16)', () => {
    const pairs = Uint32Array.of(300, 0, 2, 1, 65535, 2, 2, 3);
    radixSortPairs(pairs);
    expect(Array.from(pairs)).toEqual([2, 1, 2, 3, 300, 0, 65535, 2]);
  });

  it('handles 0 and 1 pairs; rejects odd lengths and values >= 2^30', () => {
    radixSortPairs(new Uint32Array(0));
    const one = Uint32Array.of(7, 9);
    radixSortPairs(one);
    expect(Array.from(one)).toEqual([7, 9]);
    expect(() => radixSortPairs(new Uint32Array(3))).toThrow(/odd length 3/);
    expect(() => radixSortPairs(Uint32Array.of(2, 1 << 30, 1, 0))).toThrow(/below 2\^30/);
  });
});
