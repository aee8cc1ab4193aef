import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import path from 'node:path';
import { useBackend } from '../../test/tfBackends';
import { TINY, solidImage, tmp } from '../../test/trainKit';
import { type SppNetSpec, DEFAULT_NORMALIZATION, initParams, pooledSize } from '../model';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { type LabelledImage, classificationAccuracy, refitClassifierHead, trainClassifier } from './trainClassifier';
import { clsBranchParamNames, trainClsBranch } from './trainClsBranch';
import { checkScaleOption, parseArgs } from './cliArgs';
import { decodeImageFile, diskReader } from './nodeFiles';

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

  it('refitClassifierHead changes only the 20-way head, fits images of any size, and a second call reads the checkpoint', async () => {
    const images: LabelledImage[] = Array.from({ length: 24 }, (_, i) => ({ ...solidImage(32 + 8 * (i % 3), 32 + 16 * (i % 2), i % 2 ? [230, 40, 40] : [40, 40, 230]), categoryId: 1 + (i % 2) }));
    const params: Record<string, tf.Variable> = {};
    for (const [k, t] of Object.entries(initParams(TINY, 4))) params[k] = tf.variable(t);
    const before = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.from(v.dataSync())]));
    const file = path.join(tmp(), 'refit.ckpt');
    const lines: string[] = [];
    const o = { spec: TINY, norm: DEFAULT_NORMALIZATION, images, minSide: 32, epochs: 60, batchSize: 8, learningRate: 1e-2, seed: 1, checkpointFile: file, log: (l: string) => lines.push(l) };
    const fit = await refitClassifierHead(params, o);
    expect(fit.last).toBeLessThan(fit.first);
    for (const [k, v] of Object.entries(params)) {
      if (k.startsWith('cls/')) expect(Array.from(v.dataSync())).not.toEqual(before[k]);
      else expect(Array.from(v.dataSync())).toEqual(before[k]);
    }
    const fitted = Array.from(params['cls/kernel'].dataSync());
    params['cls/kernel'].assign(tf.zerosLike(params['cls/kernel']));
    expect(await refitClassifierHead(params, o)).toEqual(fit);
    expect(lines.at(-1)).toMatch(/read from/);
    expect(Array.from(params['cls/kernel'].dataSync())).toEqual(fitted);
    tf.dispose(Object.values(params));
  });

  it('refitClassifierHead fits a head on the pooled vector, fc6 and fc7 (SppNetSpec.clsInput) and changes nothing else', async () => {
    const wide: SppNetSpec = { ...TINY, clsInput: ['pooled', 'fc6', 'fc7'] };
    const images: LabelledImage[] = Array.from({ length: 24 }, (_, i) => ({ ...solidImage(32 + 8 * (i % 3), 32, i % 2 ? [230, 40, 40] : [40, 40, 230]), categoryId: 1 + (i % 2) }));
    const params: Record<string, tf.Variable> = {};
    for (const [k, t] of Object.entries(initParams(wide, 4))) params[k] = tf.variable(t);
    const before = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.from(v.dataSync())]));
    const n0 = tf.memory().numTensors;
    const fit = await refitClassifierHead(params, { spec: wide, norm: DEFAULT_NORMALIZATION, images, minSide: 32, epochs: 60, batchSize: 8, learningRate: 1e-2, seed: 1, checkpointFile: path.join(tmp(), 'wide.ckpt'), log: () => undefined });
    expect(tf.memory().numTensors).toBe(n0);
    expect(params['cls/kernel'].shape[0]).toBe(pooledSize(TINY) + 16);
    expect(fit.last).toBeLessThan(fit.first / 4);
    for (const [k, v] of Object.entries(params)) if (!k.startsWith('cls/')) expect(Array.from(v.dataSync())).toEqual(before[k]);
    tf.dispose(Object.values(params));
  });

  it('trainClsBranch trains the branch and the head (only) on new images of any size, resumes from its checkpoint, leaks nothing', async () => {
    const spec: SppNetSpec = { ...TINY, clsBranch: 3, clsInput: ['pooled', 'branch'] };
    const colour = (i: number): [number, number, number] => (i % 2 ? [230, 40, 40] : [40, 40, 230]);
    const seen: number[] = [];
    const image = (i: number): LabelledImage => {
      seen.push(i);
      return { ...solidImage(30 + (i % 5) * 7, 30 + (i % 3) * 11, colour(i)), categoryId: 1 + (i % 2) };
    };
    const params: Record<string, tf.Variable> = {};
    for (const [k, t] of Object.entries(initParams(spec, 12))) params[k] = tf.variable(t);
    const before = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.from(v.dataSync())]));
    const file = path.join(tmp(), 'branch.ckpt');
    const lines: string[] = [];
    const o = { spec, norm: DEFAULT_NORMALIZATION, image, batchSize: 4, learningRate: 1e-2, trainSide: 32, seed: 3, checkpointFile: file, checkpointSteps: 10, log: (l: string) => lines.push(l) };
    const n0 = tf.memory().numTensors;
    const h1 = await trainClsBranch(params, { ...o, steps: 10 });
    expect(h1).toHaveLength(1);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i)); // every step new images, in order
    const h2 = await trainClsBranch(params, { ...o, steps: 60 });
    expect(lines.some((l) => /resumed .* at step 10/.test(l))).toBe(true);
    expect(seen[40]).toBe(40);
    expect(h2).toHaveLength(6);
    expect(h2[5].loss).toBeLessThan(h2[0].loss / 4);
    expect(tf.memory().numTensors).toBe(n0);
    const trained = clsBranchParamNames(spec);
    expect(trained).toEqual(['cls_conv4/kernel', 'cls_conv4/bias', 'cls_conv5/kernel', 'cls_conv5/bias', 'cls/kernel', 'cls/bias']);
    for (const [k, v] of Object.entries(params)) {
      if (trained.includes(k)) expect(Array.from(v.dataSync())).not.toEqual(before[k]);
      else expect(Array.from(v.dataSync())).toEqual(before[k]);
    }
    const test = Array.from({ length: 8 }, (_, i) => ({ ...solidImage(40 + 9 * i, 36, colour(i)), categoryId: 1 + (i % 2) }));
    expect(classificationAccuracy(spec, params, DEFAULT_NORMALIZATION, test, 32).top1).toBe(1);
    await expect(trainClsBranch(params, { ...o, spec: TINY, steps: 1 })).rejects.toThrow(/no classification branch/);
    tf.dispose(Object.values(params));
  });

  it('refitClassifierHead fits every view given: mirrored views of left/right classes cannot be told apart', async () => {
    // Class 1: a red left half; class 2: a red right half. A mirrored view of one is the other.
    const half = (left: boolean): LabelledImage => {
      const im = solidImage(48, 32, [40, 40, 230]);
      for (let y = 0; y < 32; y++) for (let x = left ? 0 : 24; x < (left ? 24 : 48); x++) im.data.set([230, 40, 40, 255], 4 * (y * 48 + x));
      return { ...im, categoryId: left ? 1 : 2 };
    };
    const images = Array.from({ length: 16 }, (_, i) => half(i % 2 === 0));
    const fit = async (views?: Array<{ scale: number; flip: boolean }>): Promise<{ last: number; lines: string[] }> => {
      const params: Record<string, tf.Variable> = {};
      for (const [k, t] of Object.entries(initParams(TINY, 1))) params[k] = tf.variable(t);
      const lines: string[] = [];
      const r = await refitClassifierHead(params, { spec: TINY, norm: DEFAULT_NORMALIZATION, images, minSide: 32, views, epochs: 300, batchSize: 8, learningRate: 3e-2, seed: 1, checkpointFile: path.join(tmp(), 'refit.ckpt'), log: (l: string) => lines.push(l) });
      tf.dispose(Object.values(params));
      return { last: r.last, lines };
    };
    const plain = await fit();
    const mirrored = await fit([{ scale: 1, flip: false }, { scale: 1, flip: true }]);
    expect(plain.lines[0]).toMatch(/16 images x 1 view/);
    expect(mirrored.lines[0]).toMatch(/16 images x 2 view/);
    expect(plain.last).toBeLessThan(0.5 * Math.log(2));
    expect(mirrored.last).toBeGreaterThan(0.9 * Math.log(2));
  });

  it('rejects training images of the wrong size', async () => {
    await expect(trainClassifier({}, { spec: TINY, norm: DEFAULT_NORMALIZATION, images: [{ ...solidImage(20, 32, [0, 0, 0]), categoryId: 1 }], sizes: [32], epochs: 1, seed: 1, checkpointFile: path.join(tmp(), 'x'), log: () => {} }))
      .rejects.toThrow(/must be 32x32, got 20x32/);
  });
});

describe('CLI input errors name the culprit', () => {
  it('unknown options, bad numbers, missing and undecodable files', async () => {
    expect(() => parseArgs(['--nope'], { flags: [], values: ['out'] })).toThrow(/unknown option --nope/);
    expect(() => parseArgs(['--limit', 'x'], { flags: [], values: ['limit'] }).number('limit', 1)).toThrow(/--limit must be a non-negative number, got 'x'/);
    const sides = parseArgs(['--sides', '116,144, 208'], { flags: [], values: ['sides', 'other'] });
    expect(sides.sides('sides')).toEqual([116, 144, 208]);
    expect(sides.sides('other')).toEqual([]);
    expect(() => parseArgs(['--sides', '144,12.5'], { flags: [], values: ['sides'] }).sides('sides')).toThrow(/--sides takes whole pixel sizes >= 16, got '12.5'/);
    expect(() => parseArgs(['--sides', '8'], { flags: [], values: ['sides'] }).sides('sides')).toThrow(/got '8'/);
    expect(checkScaleOption(896, '896')).toBe(896);
    expect(() => checkScaleOption(12, '12')).toThrow(/--scale takes a whole number of pixels in \[32, 2048\], got '12'/);
    expect(() => checkScaleOption(Number.NaN, 'big')).toThrow(/got 'big'/);
    const dir = tmp();
    await expect(decodeImageFile(path.join(dir, 'missing.png'))).rejects.toThrow(/missing\.png: no such image file/);
    fs.writeFileSync(path.join(dir, 'bad.png'), 'not a png');
    await expect(decodeImageFile(path.join(dir, 'bad.png'))).rejects.toThrow(/bad\.png: cannot decode image/);
    await expect(diskReader(dir)('manifest.json')).rejects.toThrow(/manifest\.json: model file not found/);
  });
});
