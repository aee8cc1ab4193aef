import { describe, expect, it } from 'vitest';
import { boxVoting, voteAndSuppress } from './boxVoting';
import { nonMaxSuppression } from './nonMaxSuppression';
import { iou } from './iou';

const f32 = (a: number[]): Float32Array => Float32Array.from(a);

describe('boxVoting', () => {
  it('moves a kept box to the score-weighted mean of its overlapping same-class boxes', () => {
    // 0 (kept, 0.6) and 1 (0.3) overlap with IoU 0.6 (10x10 boxes offset by 2.5 px); 2 is far away; 3 is
    // on top of 0 but another class.
    const boxes = f32([0, 0, 10, 10, 2.5, 0, 12.5, 10, 50, 50, 60, 60, 0, 0, 10, 10]);
    const scores = f32([0.6, 0.3, 0.9, 0.8]);
    const classes = Int32Array.from([1, 1, 1, 2]);
    const out = boxVoting(boxes, scores, classes, [0, 2], 0.5);
    // x1 = (0.6 * 0 + 0.3 * 2.5) / 0.9, x2 = (0.6 * 10 + 0.3 * 12.5) / 0.9; y unchanged.
    expect(Array.from(out.subarray(0, 4)).map((v) => +v.toFixed(4))).toEqual([0.8333, 0, 10.8333, 10]);
    // The far box votes alone: unchanged.
    expect(Array.from(out.subarray(4, 8))).toEqual([50, 50, 60, 60]);
  });

  it('ignores boxes below the IoU threshold and boxes of other classes', () => {
    const boxes = f32([0, 0, 10, 10, 2.5, 0, 12.5, 10, 1, 1, 11, 11]);
    const scores = f32([0.6, 0.3, 0.9]);
    // IoU(0, 1) = 0.6 < 0.7: box 1 does not vote; box 2 is class 3.
    expect(Array.from(boxVoting(boxes, scores, Int32Array.from([1, 1, 3]), [0], 0.7))).toEqual([0, 0, 10, 10]);
    // At 0.5 box 1 votes.
    expect(boxVoting(boxes, scores, Int32Array.from([1, 1, 3]), [0], 0.5)[2]).toBeCloseTo(10.8333, 3);
  });

  it('keeps a kept box whose cluster has zero total score, and rejects bad input with a message', () => {
    const boxes = f32([0, 0, 10, 10, 1, 0, 11, 10]);
    expect(Array.from(boxVoting(boxes, f32([0, 0]), Int32Array.from([1, 1]), [1], 0.5))).toEqual([1, 0, 11, 10]);
    expect(() => boxVoting(boxes, f32([1]), Int32Array.from([1, 1]), [0], 0.5)).toThrow(/disagree/);
    expect(() => boxVoting(boxes, f32([1, 1]), Int32Array.from([1, 1]), [2], 0.5)).toThrow(/kept\[0\] = 2/);
    expect(() => boxVoting(boxes, f32([1, 1]), Int32Array.from([1, 1]), [0], 0)).toThrow(/iouThreshold/);
  });

  it('voteAndSuppress drops a kept box that voting moved onto a better one of its class', () => {
    // A (0.9) and B (0.8) overlap by IoU 0.25, so NMS at 0.3 keeps both; C (0.85) between them is suppressed
    // by A but votes for both (IoU 0.54 each), and the voted boxes then overlap by 0.54.
    const boxes = f32([0, 0, 10, 10, 6, 0, 16, 10, 3, 0, 13, 10]);
    const scores = f32([0.9, 0.8, 0.85]);
    expect(Array.from(nonMaxSuppression(boxes, scores, 0.3))).toEqual([0, 1]);
    const r = voteAndSuppress(boxes, scores, Int32Array.from([1, 1, 1]), [0, 1], 0.5, 0.3);
    expect(r.kept).toEqual([0]);
    expect(Array.from(r.boxes).map((v) => +v.toFixed(3))).toEqual([1.457, 0, 11.457, 10]);
    const both = boxVoting(boxes, scores, Int32Array.from([1, 1, 1]), [0, 1], 0.5);
    expect(iou(both, both, 0, 4)).toBeGreaterThan(0.3);
    // B of another class (and C voting only for A): nothing to drop, order kept.
    const r2 = voteAndSuppress(boxes, scores, Int32Array.from([1, 2, 1]), [0, 1], 0.5, 0.3);
    expect(r2.kept).toEqual([0, 1]);
    expect(Array.from(r2.boxes.subarray(4))).toEqual([6, 0, 16, 10]);
  });
});
