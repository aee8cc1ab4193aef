import { describe, expect, it } from 'vitest';
import { pyramidBins, slidingRuleReport } from './pyramidBins';

// PAPER.md §1 table: (a, n) -> adaptive bins, and what the §2.3 sliding rule does.
describe('pyramidBins adaptive rule (PAPER App. A)', () => {
  it.each<[number, number, Array<[number, number]>]>([
    [13, 6, [[0, 3], [2, 5], [4, 7], [6, 9], [8, 11], [10, 13]]],
    [10, 6, [[0, 2], [1, 4], [3, 5], [5, 7], [6, 9], [8, 10]]],
    [11, 4, [[0, 3], [2, 6], [5, 9], [8, 11]]],
    [8, 3, [[0, 3], [2, 6], [5, 8]]],
    [14, 6, [[0, 3], [2, 5], [4, 7], [7, 10], [9, 12], [11, 14]]],
    [4, 6, [[0, 1], [0, 2], [1, 2], [2, 3], [2, 4], [3, 4]]],
  ])('a=%i n=%i gives the table bins', (a, n, bins) => {
    expect(pyramidBins(a, n)).toEqual(bins);
  });
  it('never leaves a bin empty and covers every cell for a in 1..60, n in 1..8', () => {
    for (let a = 1; a <= 60; a++) for (let n = 1; n <= 8; n++) {
      const bins = pyramidBins(a, n);
      expect(bins.length).toBe(n);
      const covered = new Set<number>();
      for (const [s, e] of bins) { expect(e).toBeGreaterThan(s); for (let i = s; i < e; i++) covered.add(i); }
      expect(covered.size).toBe(a);
    }
  });
  it('rejects bad sizes, levels and rules with the bad value in the message', () => {
    expect(() => pyramidBins(0, 3)).toThrow(/size.*got 0/);
    expect(() => pyramidBins(5, 2.5)).toThrow(/n must.*2.5/);
    expect(() => pyramidBins(5, 2, 'nope' as never)).toThrow(/unknown rule 'nope'/);
  });
});

describe('pyramidBins sliding rule (PAPER §2.3) reports its defects', () => {
  it('a=13 n=6 gives 6 windows, the same as adaptive', () => {
    const r = slidingRuleReport(13, 6);
    expect(r.ok).toBe(true);
    expect(r.bins).toEqual(pyramidBins(13, 6, 'adaptive'));
  });
  it('a=10 n=6 gives 9 windows, not 6', () => {
    const r = slidingRuleReport(10, 6);
    expect(r.bins.length).toBe(9);
    expect(r.ok).toBe(false);
    expect(pyramidBins(10, 6, 'sliding').length).toBe(9);
  });
  it('a=11 n=4 gives 5 windows (25 bins, not 16)', () => {
    expect(slidingRuleReport(11, 4).bins.length).toBe(5);
  });
  it('a=8 n=3 gives 3 windows and never covers cell 7', () => {
    const r = slidingRuleReport(8, 3);
    expect(r.bins.length).toBe(3);
    expect(r.uncoveredCells).toEqual([7]);
  });
  it('a=14 n=6 gives 6 windows and never covers cell 13', () => {
    const r = slidingRuleReport(14, 6);
    expect(r.bins.length).toBe(6);
    expect(r.uncoveredCells).toEqual([13]);
  });
  it('a=4 n=6 has stride 0: undefined, and pyramidBins says so', () => {
    const r = slidingRuleReport(4, 6);
    expect(r.stride).toBe(0);
    expect(r.undefinedReason).toMatch(/stride/);
    expect(() => pyramidBins(4, 6, 'sliding')).toThrow(/a=4, n=6/);
  });
});
