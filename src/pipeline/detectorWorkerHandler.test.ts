import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { noisyImage } from '../../test/noisyImage';
import { DEFAULT_NORMALIZATION, type ModelFiles, type SppNetSpec, ZF5_SMALL, binCount, encodeModelFiles, initParams } from '../index';
import type { DetectorRequest, DetectorResponse, DetectSettings } from './detectorProtocol';
import { detectorWorkerHandler } from './detectorWorkerHandler';

// A narrow random model: the handler's queue, cancellation, fallback and tensor accounting do not depend on training.
const SPEC: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 8 })), fc: [16, 16] };
const SETTINGS: DetectSettings = { scales: [96], scoreThreshold: 0, nmsIou: 0.3, bboxRegression: true, maxDetections: 100 };
const BASE = 'http://test/models/m/';

const PROPOSALS = (): Float32Array => new Float32Array([0, 0, 120, 80, 10, 10, 50, 40, 60, 20, 118, 79]);

/** A handler over cpu (loader refuses webgpu/webgl/wasm unless `allow` says so) and an inbox of its messages. */
function harness(files: ModelFiles, allow: string[] = ['cpu']) {
  const inbox: DetectorResponse[] = [];
  const waiters: Array<() => void> = [];
  const h = detectorWorkerHandler((m) => { inbox.push(m); waiters.splice(0).forEach((w) => w()); }, {
    loadBackend: async (name) => allow.includes(name),
    readFile: async (url) => {
      const name = url.slice(BASE.length) as keyof ModelFiles;
      const f = files[name];
      if (f === undefined) throw new Error(`404 ${url}`);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  });
  const send = (m: DetectorRequest): void => h.onMessage(m);
  const next = async (pred: (m: DetectorResponse) => boolean): Promise<DetectorResponse> => {
    for (;;) {
      const i = inbox.findIndex(pred);
      if (i >= 0) return inbox.splice(i, 1)[0];
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { send, next, inbox, idle: () => h.idle() };
}

describe('detectorWorkerHandler (cpu, random model)', () => {
  let files: ModelFiles;
  beforeAll(async () => {
    await useBackend('cpu');
    const params = initParams(SPEC, 5);
    files = await encodeModelFiles(params, {
      name: 'm', spec: SPEC, classes: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `c${i + 1}`, emoji: 'x' })),
      padding: [3, 2, 1, 1, 1], normalization: { mean: [...DEFAULT_NORMALIZATION.mean], std: [...DEFAULT_NORMALIZATION.std] },
      scales: [64, 96], defaultScaleIndex: 1, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2], recipe: {}, metrics: {},
    });
    tf.dispose(Object.values(params));
  });

  it('init says which backend and why the others were passed over; detect pools k*M per window and leaks nothing', async () => {
    const t = harness(files);
    t.send({ type: 'init', modelUrl: BASE });
    const ready = await t.next((m) => m.type === 'ready' || m.type === 'initError');
    if (ready.type !== 'ready') throw new Error(JSON.stringify(ready));
    expect(ready.backend.name).toBe('cpu');
    expect(ready.backend.skipped.join('\n')).toMatch(/wasm: failed to load/);
    const counts: number[] = [];
    for (let run = 0; run < 3; run++) {
      t.send({ type: 'detect', id: run, image: noisyImage(120, 80), proposals: PROPOSALS(), settings: SETTINGS, classify: true });
      const r = await t.next((m) => m.type === 'detectResult' || m.type === 'error');
      if (r.type !== 'detectResult') throw new Error(JSON.stringify(r));
      const [sc] = r.result.trace.scales;
      expect(sc.pooledShape).toEqual([3, 8 * binCount(SPEC.levels)]);
      expect(sc.conv5Size).toEqual([Math.ceil(96 / 16), Math.ceil(144 / 16)]);
      expect(r.result.top5).toHaveLength(5);
      counts.push(r.result.numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(ready.numTensors);
  });

  it('a queued request is dropped by cancel; a running R-CNN loop stops at its next batch', async () => {
    const t = harness(files);
    t.send({ type: 'init', modelUrl: BASE });
    await t.next((m) => m.type === 'ready');
    const props = new Float32Array(4 * 64);
    for (let i = 0; i < 64; i++) props.set([i, i % 20, 60 + i, 50 + (i % 20)], 4 * i);
    t.send({ type: 'rcnn', id: 1, image: noisyImage(140, 90), proposals: props, count: 64 });
    t.send({ type: 'detect', id: 2, image: noisyImage(120, 80), proposals: PROPOSALS(), settings: SETTINGS, classify: false });
    t.send({ type: 'cancel', id: 2 });
    expect(await t.next((m) => m.type === 'error' && m.id === 2)).toMatchObject({ cancelled: true });
    await t.next((m) => m.type === 'progress' && m.id === 1);
    t.send({ type: 'cancel', id: 1 });
    const end = await t.next((m) => (m.type === 'error' || m.type === 'rcnnResult') && m.id === 1);
    expect(end).toMatchObject({ type: 'error', cancelled: true });
    await t.idle();
    expect(t.inbox.some((m) => m.type === 'detectResult')).toBe(false);
  });

  it('the R-CNN way runs every window through the trunk and reports its time', async () => {
    const t = harness(files);
    t.send({ type: 'init', modelUrl: BASE });
    await t.next((m) => m.type === 'ready');
    t.send({ type: 'rcnn', id: 7, image: noisyImage(120, 80), proposals: PROPOSALS(), count: 2 });
    const r = await t.next((m) => m.type === 'rcnnResult' || m.type === 'error');
    if (r.type !== 'rcnnResult') throw new Error(JSON.stringify(r));
    expect(r.result).toMatchObject({ windows: 2, warpSide: 48, backend: 'cpu' });
    expect(r.result.ms).toBeGreaterThan(0);
  });

  it('features: every conv layer at the asked scale, conv5 the size the detector pools, no tensor kept', async () => {
    const t = harness(files);
    t.send({ type: 'init', modelUrl: BASE });
    const ready = await t.next((m) => m.type === 'ready');
    if (ready.type !== 'ready') throw new Error('no ready');
    t.send({ type: 'features', id: 9, image: noisyImage(120, 80), s: 96 });
    const r = await t.next((m) => m.type === 'featuresResult' || m.type === 'error');
    if (r.type !== 'featuresResult') throw new Error(JSON.stringify(r));
    expect(r.result.s).toBe(96);
    expect(r.result.layers.map((l) => l.name)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5']);
    expect(r.result.layers[4].shape).toEqual([6, 9, 8]);
    expect(r.result.layers[4].data.length).toBe(6 * 9 * 8);
    t.send({ type: 'memory', id: 10 });
    const m = await t.next((x) => x.type === 'memoryResult');
    expect((m as { numTensors: number }).numTensors).toBe(ready.numTensors);
  });

  it('a missing model file is a clear init error', async () => {
    const t = harness({ ...files, 'weights.bin': undefined } as unknown as ModelFiles);
    t.send({ type: 'init', modelUrl: BASE });
    const r = await t.next((m) => m.type === 'ready' || m.type === 'initError');
    expect(r).toMatchObject({ type: 'initError' });
    expect((r as { message: string }).message).toMatch(/weights\.bin/);
  });
});
