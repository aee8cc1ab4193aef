import { describe, expect, it } from 'vitest';
import { selectDetections } from './selectDetections';

type Cand = { window: number; classId: number; score: number; box: [number, number, number, number]; kept: boolean };
const cand = (classId: number, score: number, x: number): Cand => ({ window: 0, classId, score, box: [x, 0, x + 100, 100], kept: false });

describe('selectDetections', () => {
  it('suppresses overlapping boxes of one class, keeps other classes, orders by score', () => {
    const candidates = [cand(1, 0.6, 0), cand(1, 0.9, 10), cand(2, 0.7, 10), cand(1, 0.5, 500)];
    const r = selectDetections({ candidates }, { scoreThreshold: 0.05, nmsIou: 0.3 });
    expect(r.above).toEqual([1, 2, 0, 3]);
    expect(r.kept).toEqual([1, 2, 3]);
  });

  it('a higher threshold drops low scores before NMS; IoU 1 keeps every distinct box', () => {
    const candidates = [cand(1, 0.6, 0), cand(1, 0.9, 10), cand(1, 0.5, 500)];
    expect(selectDetections({ candidates }, { scoreThreshold: 0.55 }).kept).toEqual([1]);
    expect(selectDetections({ candidates }, { nmsIou: 1 }).kept).toEqual([1, 0, 2]);
  });

  it('caps at maxDetections, best first', () => {
    const candidates = Array.from({ length: 10 }, (_, i) => cand(1, 0.1 + i / 20, i * 200));
    expect(selectDetections({ candidates }, { maxDetections: 3 }).kept).toEqual([9, 8, 7]);
  });
});
