import { describe, expect, it } from 'vitest';
import { proposalQuality } from './proposalMetrics';
import { segmentationCovering } from './segmentationCovering';

describe('proposal quality', () => {
  it('recall, ABO and AR on inline boxes (as eval_proposals.py)', () => {
    const gt = Float32Array.of(0, 0, 10, 10, 20, 20, 40, 40);
    // exact match of gt 0; a box with IoU 0.64 on gt 1 (16x16 inside 20x20... 256/400), ranked second.
    const props = Float32Array.of(0, 0, 10, 10, 22, 22, 38, 38);
    const q = proposalQuality(props, gt);
    expect(q.recall50).toBe(1);
    expect(q.recall70).toBe(0.5);
    expect(q.abo).toBeCloseTo((1 + 0.64) / 2, 5);
    expect(q.ar).toBeCloseTo((10 + 3) / 20, 5); // gt 0 at all 10 thresholds, gt 1 at 0.5, 0.55, 0.6
    const top1 = proposalQuality(props, gt, 1);
    expect([top1.used, top1.recall50]).toEqual([1, 0.5]);
  });
});

describe('segmentationCovering', () => {
  it('is 1 for relabelled copies and lower when regions are merged', () => {
    const a = Int32Array.of(0, 0, 1, 1, 2, 2);
    expect(segmentationCovering(a, Int32Array.of(5, 5, 3, 3, 9, 9))).toBe(1);
    // candidate merges regions 1 and 2: each is covered with IoU 0.5
    expect(segmentationCovering(a, Int32Array.of(0, 0, 1, 1, 1, 1))).toBeCloseTo((2 + 2 * 0.5 + 2 * 0.5) / 6, 6);
    expect(() => segmentationCovering(a, new Int32Array(2))).toThrow(/differ in length/);
  });
});
