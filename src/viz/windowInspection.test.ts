import { describe, expect, it } from 'vitest';
import type { DetectionTrace } from '../pipeline/detectionTrace';
import type { FeatureMapLayer } from '../pipeline/featureMaps';
import { pooledIndex, rectPoolReference } from '../spp';
import { binIndexRange, inspectWindow, poolRects, topChannels, valueSource } from './windowInspection';
import { describeHighlight, resolveHighlight } from './highlight';

// A 7x9 map, k = 3: value = a seeded hash, so every max has one winner.
const [H, W, K] = [7, 9, 3];
const data = new Float32Array(H * W * K).map((_, i) => ((i * 2654435761) >>> 0) / 2 ** 32);
const conv5: FeatureMapLayer = { name: 'conv5', shape: [H, W, K], stride: 16, data };
const trace = {
  imageSize: [288, 224], scales: [{ s: 112, scaledSize: [144, 112], conv5Size: [H, W], channels: K, windows: 2, pooledShape: [2, 150] }],
  stride: 16, levels: [6, 3, 2, 1], windows: [{ box: [10, 20, 200, 180], scale: 112, cells: [1, 1, 7, 5] }, { box: [0, 0, 50, 50], scale: 112, cells: [0, 0, 1, 1] }],
} as unknown as DetectionTrace;

describe('inspectWindow', () => {
  it('pools the window bin by bin: each value is the max of its channel over the bin, at its arg-max cell', () => {
    const insp = inspectWindow(trace, conv5, 0);
    expect(insp.values.length).toBe(50 * K);
    expect(insp.trained).toBe(true);
    for (let idx = 0; idx < insp.values.length; idx++) {
      const src = valueSource(insp, idx);
      const [y0, y1, x0, x1] = insp.pyramid.rects.subarray(4 * src.rect, 4 * src.rect + 4);
      let m = -Infinity;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m = Math.max(m, data[(y * W + x) * K + src.channel]);
      expect(src.value).toBe(m);
      expect(src.cell[0] >= x0 && src.cell[0] < x1 && src.cell[1] >= y0 && src.cell[1] < y1).toBe(true);
      expect(data[(src.cell[1] * W + src.cell[0]) * K + src.channel]).toBe(m);
    }
  });

  it('poolRects equals the reference pooling exactly, values and arg-max, ties included', () => {
    const tied = new Float32Array(H * W * K).map((_, i) => (i % 7 === 0 ? 1 : (i * 31) % 5)); // many equal maxima
    for (const map of [data, tied]) {
      const rects = inspectWindow(trace, conv5, -1).pyramid.rects;
      const ref = rectPoolReference(map, [H, W, K], rects);
      const ours = poolRects(map, [H, W, K], rects);
      expect(Array.from(ours.values)).toEqual(Array.from(ref.values));
      expect(Array.from(ours.argmax)).toEqual(Array.from(ref.argmax));
    }
  });

  it('bin index ranges follow the documented layout (layout.ts pooledIndex)', () => {
    const insp = inspectWindow(trace, conv5, 0);
    // level 1 (3x3), bin row 2 col 1 is rect 36 + 7
    expect(binIndexRange(insp, 43)).toEqual([pooledIndex(K, [6, 3, 2, 1], 1, 2, 1, 0), pooledIndex(K, [6, 3, 2, 1], 1, 2, 1, K - 1) + 1]);
    const r = resolveHighlight(insp, { rect: 43 })!;
    expect(r.level).toBe(1);
    expect(describeHighlight(insp, r)).toMatch(/level 3×3, bin \(row 3, col 2\)/);
    const v = resolveHighlight(insp, { rect: 43, index: 43 * K + 2 })!;
    expect(v.indices).toEqual([43 * K + 2, 43 * K + 3]);
    expect(v.value?.channel).toBe(2);
    expect(resolveHighlight(insp, { rect: 99 })).toBeNull();
  });

  it('the whole image uses every cell; other levels or the sliding rule are flagged as not the trained vector', () => {
    const whole = inspectWindow(trace, conv5, -1);
    expect(whole.pyramid.cells).toEqual([0, 0, W - 1, H - 1]);
    expect(whole.box).toEqual([0, 0, 288, 224]);
    expect(inspectWindow(trace, conv5, 0, { levels: [4, 3, 2, 1] }).trained).toBe(false);
    const sliding = inspectWindow(trace, conv5, -1, { rule: 'sliding' });
    expect(sliding.trained).toBe(false);
    expect(sliding.values.length).toBe(sliding.pyramid.rectLevel.length * K);
  });

  it('a custom a×b-cell window sits at the map\u2019s top-left, clamped to the map; 10×8 shows the sliding defects', () => {
    const insp = inspectWindow(trace, conv5, 0, { cellSize: [5, 3] });
    expect(insp.pyramid.cells).toEqual([0, 0, 4, 2]);
    expect(insp.box).toEqual([0, 0, 5 * 16 * 224 / 112, 3 * 16 * 224 / 112]);
    expect(inspectWindow(trace, conv5, 0, { cellSize: [50, 50] }).pyramid.cells).toEqual([0, 0, W - 1, H - 1]);
    const big = { ...conv5, shape: [8, 10, 1] as [number, number, number], data: new Float32Array(80) };
    const t2 = { ...trace, scales: [{ ...trace.scales[0], conv5Size: [8, 10] }] } as unknown as DetectionTrace;
    const p = inspectWindow(t2, big, -1, { cellSize: [10, 8], rule: 'sliding' }).pyramid;
    expect(p.levels[0].cols.length).toBe(9); // a = 10, n = 6
    expect(p.levels[1].uncovered.some(([r]) => r === 7)).toBe(true); // b = 8, n = 3: row 7 never pooled
  });

  it('channels ranked by their max inside the window (the same with or without a 1x1 level); a map from another scale is refused', () => {
    const insp = inspectWindow(trace, conv5, 1);
    expect(Array.from(inspectWindow(trace, conv5, 1, { levels: [3, 2] }).channelMax)).toEqual(Array.from(insp.channelMax));
    expect(Array.from(inspectWindow(trace, conv5, 0, { levels: [2], rule: 'sliding' }).channelMax)).toEqual(Array.from(inspectWindow(trace, conv5, 0).channelMax));
    const order = topChannels(insp, 3);
    expect(insp.channelMax[order[0]]).toBeGreaterThanOrEqual(insp.channelMax[order[1]]);
    expect(() => inspectWindow(trace, { ...conv5, shape: [5, 5, K], data: new Float32Array(75) }, 0)).toThrow(/not the conv5 map of scale 112/);
    expect(() => inspectWindow(trace, conv5, 7)).toThrow(/no window 7/);
  });
});
