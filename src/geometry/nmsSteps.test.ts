import { describe, expect, it } from 'vitest';
import { nmsSteps } from './nmsSteps';
import { nonMaxSuppression } from './nonMaxSuppression';
import { iou } from './iou';

/** mulberry32: a tiny seeded PRNG in [0, 1) (STYLE.md: seeded randomness everywhere). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N clustered boxes in a 100x100 image (so many overlap); scores from `levels` distinct values when given (ties). */
function randomCase(seed: number, n: number, levels?: number): { boxes: Float32Array; scores: Float32Array } {
  const r = rng(seed);
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const cx = 30 + 40 * r(), cy = 30 + 40 * r(), w = 5 + 40 * r(), h = 5 + 40 * r();
    boxes.set([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 4 * i);
    scores[i] = levels ? Math.floor(r() * levels) / levels : r();
  }
  return { boxes, scores };
}

describe('nmsSteps', () => {
  it('keeps exactly what nonMaxSuppression keeps, in the same order (random seeded boxes, thresholds, ties)', () => {
    let suppressedSeen = 0;
    for (let seed = 1; seed <= 12; seed++) {
      for (const levels of [undefined, 3]) {
        const { boxes, scores } = randomCase(seed, 40, levels);
        for (const thr of [0, 0.1, 0.3, 0.5, 0.7, 1]) {
          const steps = nmsSteps(boxes, scores, thr);
          expect(steps.length).toBe(40);
          const kept = steps.filter((s) => s.kept).map((s) => s.box);
          expect(kept).toEqual(Array.from(nonMaxSuppression(boxes, scores, thr)));
          suppressedSeen += steps.length - kept.length;
        }
      }
    }
    // The comparison only means something if suppression actually happened.
    expect(suppressedSeen).toBeGreaterThan(100);
  });

  it('visits by descending score, ties by input index, and links every suppression both ways', () => {
    const { boxes, scores } = randomCase(7, 30, 4);
    const thr = 0.3;
    const steps = nmsSteps(boxes, scores, thr);
    const pos = new Map(steps.map((s, i) => [s.box, i]));
    for (let i = 1; i < steps.length; i++) {
      const a = steps[i - 1], b = steps[i];
      expect(a.score > b.score || (a.score === b.score && a.box < b.box)).toBe(true);
    }
    for (const s of steps) {
      expect(s.score).toBe(scores[s.box]);
      if (s.kept) {
        expect(s.suppressedBy).toBeNull();
        // No earlier kept box overlaps a kept box by more than the threshold.
        for (const t of steps.slice(0, pos.get(s.box))) if (t.kept) expect(iou(boxes, boxes, 4 * t.box, 4 * s.box)).toBeLessThanOrEqual(thr);
      } else {
        const sup = steps[pos.get(s.suppressedBy!)!];
        expect(sup.kept).toBe(true);
        expect(pos.get(sup.box)!).toBeLessThan(pos.get(s.box)!);
        expect(s.iouWithSuppressor).toBeGreaterThan(thr);
        expect(s.iouWithSuppressor).toBe(iou(boxes, boxes, 4 * sup.box, 4 * s.box));
        expect(sup.suppresses).toContainEqual({ box: s.box, iou: s.iouWithSuppressor });
        expect(s.suppresses).toEqual([]);
        // The suppressor is the first kept box (visiting order) that overlaps it by more than thr.
        const first = steps.find((t) => t.kept && iou(boxes, boxes, 4 * t.box, 4 * s.box) > thr);
        expect(s.suppressedBy).toBe(first!.box);
      }
    }
    // Each suppressed box is listed by exactly one kept box.
    const listed = steps.flatMap((s) => s.suppresses.map((x) => x.box));
    expect(listed.sort((a, b) => a - b)).toEqual(steps.filter((s) => !s.kept).map((s) => s.box).sort((a, b) => a - b));
    expect(listed.length).toBeGreaterThan(3);
  });

  it('hand-worked 3 boxes: A suppresses B (IoU 3/7); suppressed B cannot suppress C, so C is kept', () => {
    // Input order C, A, B; all 10 px tall. A = x 0..10 (0.9), B = x 4..14 (0.8), C = x 8..18 (0.7).
    // IoU(A, B) = 60 / 140 = 3/7 ≈ 0.43 > 0.3; IoU(A, C) = 20 / 180 = 1/9 ≤ 0.3; IoU(B, C) = 3/7 but B is gone.
    const boxes = new Float32Array([8, 0, 18, 10, 0, 0, 10, 10, 4, 0, 14, 10]);
    const scores = new Float32Array([0.7, 0.9, 0.8]);
    const steps = nmsSteps(boxes, scores, 0.3);
    expect(steps.map((s) => s.box)).toEqual([1, 2, 0]);
    expect(steps[0]).toMatchObject({ box: 1, kept: true, suppressedBy: null, iouWithSuppressor: null });
    expect(steps[0].suppresses).toHaveLength(1);
    expect(steps[0].suppresses[0].box).toBe(2);
    expect(steps[0].suppresses[0].iou).toBeCloseTo(3 / 7, 12);
    expect(steps[1]).toMatchObject({ box: 2, kept: false, suppressedBy: 1, suppresses: [] });
    expect(steps[1].iouWithSuppressor).toBeCloseTo(3 / 7, 12);
    expect(steps[2]).toMatchObject({ box: 0, kept: true, suppressedBy: null, suppresses: [] });
    expect(steps[0].score).toBe(Math.fround(0.9));
    // At threshold 0.5 nothing is suppressed (3/7 < 0.5).
    expect(nmsSteps(boxes, scores, 0.5).every((s) => s.kept)).toBe(true);
  });

  it('IoU exactly at the threshold does not suppress (strictly greater)', () => {
    const boxes = new Float32Array([0, 0, 10, 10, 0, 0, 10, 5]); // IoU = 50 / 100 = 0.5
    const scores = new Float32Array([0.9, 0.8]);
    expect(nmsSteps(boxes, scores, 0.5).map((s) => s.kept)).toEqual([true, true]);
    expect(nmsSteps(boxes, scores, 0.49).map((s) => s.kept)).toEqual([true, false]);
  });

  it('empty input gives no steps', () => {
    expect(nmsSteps(new Float32Array(0), new Float32Array(0), 0.3)).toEqual([]);
  });

  it('bad lengths and thresholds throw messages quoting the values', () => {
    expect(() => nmsSteps(new Float32Array(7), new Float32Array(2), 0.3)).toThrow(
      'nmsSteps: boxes has length 7, expected 4 * scores.length = 8',
    );
    expect(() => nmsSteps(new Float32Array(4), new Float32Array(1), 1.5)).toThrow('iouThreshold must be in [0, 1], got 1.5');
    expect(() => nmsSteps(new Float32Array(4), new Float32Array(1), NaN)).toThrow('got NaN');
  });
});
