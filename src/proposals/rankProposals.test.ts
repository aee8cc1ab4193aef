import { describe, expect, it } from 'vitest';
import { rankProposals } from './rankProposals';

// Inclusive boxes (minX, minY, maxX, maxY): 30x30, 10x40 (too thin), 30x30 duplicate, 50x50.
const BOXES = Int32Array.from([0, 0, 29, 29, 0, 0, 9, 39, 0, 0, 29, 29, 10, 10, 59, 59]);

describe('rankProposals', () => {
  it('drops boxes under the minimum side and exact duplicates', () => {
    const out = rankProposals(BOXES, Float64Array.of(3, 3, 3, 3), { seed: 1 });
    expect(out.length).toBe(8);
    const keys = [0, 4].map((i) => Array.from(out.subarray(i, i + 4)).join(','));
    expect(keys.sort()).toEqual(['0,0,29,29', '10,10,59,59']);
  });

  it('same seed, same order; priorities bias the order (1 beats 1000 nearly always)', () => {
    const n = 200, boxes = new Int32Array(4 * n), pr = new Float64Array(n);
    for (let i = 0; i < n; i++) { boxes.set([i, 0, i + 30, 30], 4 * i); pr[i] = i < 100 ? 1000 : 1; }
    const a = rankProposals(boxes, pr, { seed: 5 }), b = rankProposals(boxes, pr, { seed: 5 });
    const c = rankProposals(boxes, pr, { seed: 6 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    let lowFirst = 0;
    for (let r = 0; r < 50; r++) if (a[4 * r] >= 100) lowFirst++;
    expect(lowFirst).toBeGreaterThan(45);
  });

  it('maxBoxes keeps the best ranked; minBoxSide 0 keeps thin boxes; length mismatch throws', () => {
    expect(rankProposals(BOXES, Float64Array.of(1, 2, 3, 4), { maxBoxes: 1 }).length).toBe(4);
    expect(rankProposals(BOXES, Float64Array.of(1, 2, 3, 4), { minBoxSide: 0 }).length).toBe(12);
    expect(() => rankProposals(BOXES, new Float64Array(3))).toThrow(/length 16, expected 4 \* 3/);
  });
});
