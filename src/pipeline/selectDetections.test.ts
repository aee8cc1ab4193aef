import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { noisyImage } from '../../test/noisyImage';
import { DEFAULT_NORMALIZATION, type ModelManifest, type SppNetSpec, ZF5_SMALL, initParams } from '../model';
import { runDetector } from './runDetector';
import { selectDetections } from './selectDetections';
import type { DetectionTrace } from './detectionTrace';

type Cand = DetectionTrace['candidates'][number];
const cand = (classId: number, score: number, x: number): Cand => ({ window: 0, classId, score, box: [x, 0, x + 100, 100], nmsKept: false, kept: false });

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

  it('box voting moves a kept box to the score-weighted mean of its class\u2019s overlapping candidates, whatever the threshold', () => {
    // Class 1: 0.9 at x = 0 and 0.6 at x = 10 (IoU 0.82: suppressed, but it votes); class 2 on top never votes.
    const candidates = [cand(1, 0.9, 0), cand(1, 0.6, 10), cand(2, 0.8, 20)];
    const r = selectDetections({ candidates, boxVoting: 0.5 }, { nmsIou: 0.3 });
    expect(r.kept).toEqual([0, 2]);
    expect(r.boxes[0].map((v) => +v.toFixed(4))).toEqual([4, 0, 104, 100]);
    expect(r.boxes[1]).toEqual([20, 0, 120, 100]);
    // A threshold above the voter's score hides it from NMS, not from voting: the box does not move with the slider.
    expect(selectDetections({ candidates, boxVoting: 0.5 }, { scoreThreshold: 0.7 }).boxes[0].map((v) => +v.toFixed(4))).toEqual([4, 0, 104, 100]);
    // Without voting (the option, or a trace without it) the boxes are the candidates'.
    expect(selectDetections({ candidates, boxVoting: 0.5 }, { boxVoting: false }).boxes[0]).toEqual([0, 0, 100, 100]);
    expect(selectDetections({ candidates }).boxes[0]).toEqual([0, 0, 100, 100]);
  });

  it('with the run\u2019s own settings reproduces runDetector\u2019s detections, voted boxes included (cpu, random model)', async () => {
    await useBackend('cpu');
    const spec: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 6 })), fc: [8, 8] };
    const manifest = {
      name: 'm', spec, classes: [], stride: 16, padding: [3, 2, 1, 1, 1], normalization: DEFAULT_NORMALIZATION,
      scales: [96], defaultScaleIndex: 0, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2],
    } as unknown as ModelManifest;
    const core = { manifest, params: initParams(spec, 5) };
    const img = noisyImage(160, 120);
    // Overlapping windows, so NMS suppresses and voting has voters.
    const props: number[] = [];
    for (let i = 0; i < 12; i++) props.push(4 * i, 3 * i, 70 + 4 * i, 60 + 3 * i);
    const before = tf.memory().numTensors;
    const { trace, detections } = await runDetector(core, img, new Float32Array(props), { scoreThreshold: 0.01 });
    const plain = await runDetector(core, img, new Float32Array(props), { scoreThreshold: 0.01, boxVoting: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(trace.boxVoting).toBe(0.4);
    const sel = selectDetections(trace, { scoreThreshold: 0.01 });
    expect(sel.kept.map((k) => [trace.candidates[k].classId, trace.candidates[k].score])).toEqual(detections.map((d) => [d.classId, d.score]));
    sel.boxes.forEach((b, j) => b.forEach((v, q) => expect(v).toBeCloseTo(detections[j].box[q], 4)));
    // Voting moves boxes and may drop the ones that then overlap a better box of their class; it never adds
    // a detection or changes a score.
    const key = (d: { classId: number; score: number }): string => `${d.classId}:${d.score}`;
    const plainBy = new Map(plain.detections.map((d) => [key(d), d]));
    expect(detections.every((d) => plainBy.has(key(d)))).toBe(true);
    expect(detections.length).toBeLessThanOrEqual(plain.detections.length);
    const moved = detections.filter((d) => d.box.some((v, q) => Math.abs(v - plainBy.get(key(d))!.box[q]) > 1e-3)).length;
    expect(moved).toBeGreaterThan(0);
    const plainSel = selectDetections(trace, { scoreThreshold: 0.01, boxVoting: false });
    expect(plain.detections.map((d) => d.box)).toEqual(plainSel.boxes);
    expect(plainSel.kept.map((k) => trace.candidates[k].box)).toEqual(plainSel.boxes);
    // The trace marks both fates: nmsKept = what plain NMS kept, kept = what is left after voting and NMS again.
    const marked = (f: 'nmsKept' | 'kept'): number[] => trace.candidates.flatMap((c, k) => (c[f] ? [k] : [])).sort((a, b) => a - b);
    expect(marked('nmsKept')).toEqual([...plainSel.kept].sort((a, b) => a - b));
    expect(marked('kept')).toEqual([...sel.kept].sort((a, b) => a - b));
    await expect(runDetector(core, img, new Float32Array(props), { boxVoting: 1.5 })).rejects.toThrow(/boxVoting must be false or an IoU/);
  });
});
