import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBackend } from '../../test/tfBackends';
import { type SppNetSpec, ZF5_SMALL, DEFAULT_NORMALIZATION, initParams } from '../model';
import { decodeBoxDeltas, encodeBoxDeltas } from '../geometry/bboxDeltas';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { type LabelledImage, trainClassifier } from './trainClassifier';
import { cacheScene } from './detectionSet';
import { parseArgs } from './cliArgs';
import { decodeImageFile, diskReader } from './nodeFiles';

const TINY: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 4 })), fc: [8, 8] };
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sppnet-train-'));

function solidImage(w: number, h: number, rgb: [number, number, number]): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], 4 * i);
  return { width: w, height: h, data };
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('checkpoints', () => {
  it('round-trip tensors and state; a truncated file is an error naming it; no temp file is left', async () => {
    const dir = tmp();
    const file = path.join(dir, 'a.ckpt');
    const a = tf.tensor2d([[1, 2], [3, 4.5]]);
    await saveCheckpoint(file, { a }, { epoch: 3 });
    expect(fs.readdirSync(dir)).toEqual(['a.ckpt']);
    const ck = loadCheckpoint<{ epoch: number }>(file);
    expect(ck?.state.epoch).toBe(3);
    expect(Array.from(ck?.tensors.a.dataSync() ?? [])).toEqual([1, 2, 3, 4.5]);
    tf.dispose([a, ...Object.values(ck?.tensors ?? {})]);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 30));
    expect(() => loadCheckpoint(file)).toThrow(/a\.ckpt is unreadable/);
    expect(loadCheckpoint(path.join(dir, 'none.ckpt'))).toBeNull();
  });
});

describe('trainClassifier', () => {
  it('learns two flat colours, and a second call resumes from the checkpoint instead of restarting', async () => {
    const images: LabelledImage[] = Array.from({ length: 16 }, (_, i) => ({ ...solidImage(32, 32, i % 2 ? [230, 40, 40] : [40, 40, 230]), categoryId: 1 + (i % 2) }));
    const params: Record<string, tf.Variable> = {};
    for (const [k, t] of Object.entries(initParams(TINY, 1))) params[k] = tf.variable(t);
    const file = path.join(tmp(), 'cls.ckpt');
    const lines: string[] = [];
    const opts = { spec: TINY, norm: DEFAULT_NORMALIZATION, images, sizes: [32, 26] as [number, number], batchSize: 8, learningRate: 3e-3, dropout: 0, seed: 1, checkpointFile: file, log: (l: string) => lines.push(l) };
    const h1 = await trainClassifier(params, { ...opts, epochs: 2 });
    expect(h1).toHaveLength(2);
    expect(h1[1].size).toBe(26); // multi-size: the second epoch runs at the smaller size
    const h2 = await trainClassifier(params, { ...opts, epochs: 12 });
    expect(lines.some((l) => /resumed .* at epoch 2/.test(l))).toBe(true);
    expect(h2).toHaveLength(12);
    expect(h2[11].loss).toBeLessThan(h2[0].loss);
    tf.dispose(Object.values(params));
  });

  it('rejects training images of the wrong size', async () => {
    await expect(trainClassifier({}, { spec: TINY, norm: DEFAULT_NORMALIZATION, images: [{ ...solidImage(20, 32, [0, 0, 0]), categoryId: 1 }], sizes: [32], epochs: 1, seed: 1, checkpointFile: path.join(tmp(), 'x'), log: () => {} }))
      .rejects.toThrow(/must be 32x32, got 20x32/);
  });
});

describe('detection windows', () => {
  it('ground-truth boxes are positives of their class with zero regression targets; negatives have IoU < 0.5', () => {
    const params = initParams(TINY, 2);
    const gtBoxes = new Float32Array([10, 10, 70, 60, 100, 20, 150, 90]);
    const proposals = new Float32Array([12, 10, 70, 62, 0, 0, 40, 40, 100, 100, 160, 120, 95, 15, 150, 95]);
    const c = cacheScene(TINY, params, DEFAULT_NORMALIZATION, { image: solidImage(160, 120, [90, 120, 150]), gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals },
      { scale: 120, bboxStd: [0.1, 0.1, 0.2, 0.2], seed: 1 });
    tf.dispose(Object.values(params));
    expect(Array.from(c.labels.slice(0, 2))).toEqual([3, 7]);
    expect(Array.from(c.targets.slice(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    for (let i = 0; i < c.labels.length; i++) {
      if (c.labels[i] === 0) expect(c.maxIou[i]).toBeLessThan(0.5);
      else expect(c.maxIou[i]).toBeGreaterThanOrEqual(0.5);
    }
    expect(c.conv5.length).toBe(c.mapSize[0] * c.mapSize[1] * 4);
    expect(c.mapSize).toEqual([Math.ceil(120 / 16), Math.ceil(160 / 16)]);
  });

  it('box deltas decode back to the ground truth', () => {
    const p = [10, 20, 60, 100];
    const g = [14, 18, 70, 90];
    const d = encodeBoxDeltas(p, g);
    const back = decodeBoxDeltas(p, d, [200, 200]);
    for (let k = 0; k < 4; k++) expect(back[k]).toBeCloseTo(g[k], 4);
  });
});

describe('CLI input errors name the culprit', () => {
  it('unknown options, bad numbers, missing and undecodable files', async () => {
    expect(() => parseArgs(['--nope'], { flags: [], values: ['out'] })).toThrow(/unknown option --nope/);
    expect(() => parseArgs(['--limit', 'x'], { flags: [], values: ['limit'] }).number('limit', 1)).toThrow(/--limit must be a non-negative number, got 'x'/);
    const dir = tmp();
    await expect(decodeImageFile(path.join(dir, 'missing.png'))).rejects.toThrow(/missing\.png: no such image file/);
    fs.writeFileSync(path.join(dir, 'bad.png'), 'not a png');
    await expect(decodeImageFile(path.join(dir, 'bad.png'))).rejects.toThrow(/bad\.png: cannot decode image/);
    await expect(diskReader(dir)('manifest.json')).rejects.toThrow(/manifest\.json: model file not found/);
  });
});
