import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';
import { sampleImageSize } from './sampleImageSize';

describe('sampleImageSize', () => {
  it('respects side and aspect ranges and explores both orientations', () => {
    const rng = createRng(1);
    let landscape = 0, portrait = 0;
    for (let i = 0; i < 500; i++) {
      const { width, height } = sampleImageSize(rng, [240, 640], [0.5, 2]);
      for (const s of [width, height]) { expect(Number.isInteger(s)).toBe(true); expect(s).toBeGreaterThanOrEqual(240); expect(s).toBeLessThanOrEqual(640); }
      expect(width / height).toBeGreaterThanOrEqual(0.5);
      expect(width / height).toBeLessThanOrEqual(2);
      if (width / height > 1.5) landscape++;
      if (width / height < 0.67) portrait++;
    }
    expect(landscape).toBeGreaterThan(20);
    expect(portrait).toBeGreaterThan(20);
  });

  it('a single size is returned as is; impossible ranges are clear errors', () => {
    expect(sampleImageSize(createRng(2), [300, 300], [0.5, 2])).toEqual({ width: 300, height: 300 });
    expect(() => sampleImageSize(createRng(2), [300, 300], [1.5, 2])).toThrow(/no size.*\[1\.5, 2\]/);
    expect(() => sampleImageSize(createRng(2), [0, 10], [1, 1])).toThrow(/\[0, 10\]/);
  });
});
