import { describe, expect, it } from 'vitest';
import { resolveStrategy } from './diversification';
import { histogramIntersection, similarityTerms, type SimilaritySet } from './similarity';

describe('similarity sets and the diversification table', () => {
  it('parses CTSF subsets and rejects bad ones, quoting them', () => {
    expect(similarityTerms('TSF')).toEqual({ colour: false, texture: true, size: true, fill: true, count: 3 });
    expect(similarityTerms('C').count).toBe(1);
    expect(() => similarityTerms('' as SimilaritySet)).toThrow(/got ''/);
    expect(() => similarityTerms('FS' as SimilaritySet)).toThrow(/got 'FS'/);
  });

  it('histogram intersection is sum of minima', () => {
    const h = Float32Array.of(0.5, 0.5, 0, 0.2, 0.3, 0.5);
    expect(histogramIntersection(h, 0, 3, 3)).toBeCloseTo(0.5, 6);
  });

  it('modes give 1, 8 and 80 hierarchies; overrides are validated', () => {
    const count = (m: 'single' | 'fast' | 'quality') => {
      const s = resolveStrategy(m);
      return s.colourSpaces.length * s.ks.length * s.similarities.length;
    };
    expect([count('single'), count('fast'), count('quality')]).toEqual([1, 8, 80]);
    expect(resolveStrategy('fast', { ks: [200] }).ks).toEqual([200]);
    expect(() => resolveStrategy('turbo' as 'fast')).toThrow(/got 'turbo'/);
    expect(() => resolveStrategy('fast', { ks: [-1] })).toThrow(/got -1/);
    expect(() => resolveStrategy('fast', { colourSpaces: ['xyz' as 'hsv'] })).toThrow(/'xyz'/);
  });
});
