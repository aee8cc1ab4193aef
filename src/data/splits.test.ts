import { describe, expect, it } from 'vitest';
import { OBJECT_SPLITS, SPLITS, SPLIT_STRIDE, objectSeed, sceneSeed, type SceneSplit } from './splits';

describe('splits', () => {
  it('default sizes: 4000/500/500 scenes, 20000/2000 object images', () => {
    expect([SPLITS.train.count, SPLITS.val.count, SPLITS.test.count]).toEqual([4000, 500, 500]);
    expect([OBJECT_SPLITS.train.count, OBJECT_SPLITS.test.count]).toEqual([20000, 2000]);
  });

  it('seed ranges of all splits are disjoint even at their full stride', () => {
    const bases = [...Object.values(SPLITS), ...Object.values(OBJECT_SPLITS)].map((s) => s.seedBase).sort((a, b) => a - b);
    for (let i = 1; i < bases.length; i++) expect(bases[i] - bases[i - 1]).toBeGreaterThanOrEqual(SPLIT_STRIDE);
    expect(sceneSeed('val', 0)).toBe(SPLITS.val.seedBase);
    expect(sceneSeed('train', 3999)).toBe(SPLITS.train.seedBase + 3999);
    expect(objectSeed('test', 1)).toBe(OBJECT_SPLITS.test.seedBase + 1);
  });

  it('bad split names and indices are clear errors', () => {
    expect(() => sceneSeed('dev' as SceneSplit, 0)).toThrow(/unknown split "dev"/);
    expect(() => sceneSeed('train', -1)).toThrow(/got -1/);
    expect(() => sceneSeed('train', SPLIT_STRIDE)).toThrow(/\[0, 1000000\)/);
    expect(() => objectSeed('train', 0.5)).toThrow(/0\.5/);
  });
});
