import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { noisyImage } from '../../test/noisyImage';
import { type ModelManifest, type SppNetSpec, ZF5_SMALL, conv5Size, encodeModelFiles, initParams, DEFAULT_NORMALIZATION, type ModelFiles, oneScaleOf } from '../model';
import { load } from './load';
import { selectiveSearch } from '../proposals';
import { detectionWindowOptions } from './detectionWindowOptions';

// A narrow model with random weights: the pipeline's plumbing (files, sha256, shapes, NMS, leaks)
// does not depend on training.
const SPEC: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 8 })), fc: [16, 16] };

async function makeFiles(spec: SppNetSpec = SPEC, extra: Partial<ModelManifest> = {}): Promise<ModelFiles> {
  const params = initParams(spec, 3);
  const files = await encodeModelFiles(params, {
    ...extra,
    name: 'test', spec, classes: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `c${i + 1}`, emoji: 'x' })),
    padding: [3, 2, 1, 1, 1], normalization: { mean: [...DEFAULT_NORMALIZATION.mean], std: [...DEFAULT_NORMALIZATION.std] },
    scales: [64, 96], defaultScaleIndex: 1, trainArea: 144 * 144, bboxStd: [0.1, 0.1, 0.2, 0.2], recipe: {}, metrics: {},
  });
  tf.dispose(Object.values(params));
  return files;
}

function reader(files: Partial<Record<string, string | Uint8Array>>) {
  return async (name: string): Promise<Uint8Array> => {
    const f = files[name];
    if (f === undefined) throw new Error(`no file ${name}`);
    return typeof f === 'string' ? new TextEncoder().encode(f) : f;
  };
}


describe('load() / detect() / classify() / features() with a small random model', () => {
  let files: ModelFiles;
  beforeAll(async () => {
    await useBackend('wasm');
    files = await makeFiles();
  });

  it('conv5 is ceil(H/16) x ceil(W/16) for odd sizes', async () => {
    const net = await load({ read: reader({ ...files }) });
    for (const [w, h] of [[97, 61], [33, 200], [17, 17]]) {
      const { conv5, scale } = await net.features(noisyImage(w, h), { scale: 64 });
      const f = scale / Math.min(w, h);
      const [sh, sw] = [Math.round(h * f), Math.round(w * f)];
      expect(conv5.shape).toEqual([...conv5Size(SPEC, sh, sw), 8]);
      expect(conv5.shape[0]).toBe(Math.ceil(sh / 16));
      conv5.dispose();
    }
    net.dispose();
  });

  it('detect pools every window to k*M values, returns sorted in-image detections, and leaks no tensors', async () => {
    const net = await load({ read: reader({ ...files }) });
    const image = noisyImage(120, 80);
    const proposals = new Float32Array([0, 0, 120, 80, 10, 10, 50, 40, 60, 20, 118, 79, 5, 5, 25, 25]);
    await net.detect(image, { proposals, scoreThreshold: 0 }); // warm-up
    const before = tf.memory().numTensors;
    for (let r = 0; r < 3; r++) {
      const { detections, trace } = await net.detect(image, { proposals, scoreThreshold: 0, scales: [64, 96] });
      expect(trace.windows).toHaveLength(4);
      expect(trace.scores.length).toBe(4 * 21);
      for (let i = 0; i < 4; i++) {
        let sum = 0;
        for (let c = 0; c <= 20; c++) sum += trace.scores[i * 21 + c];
        expect(sum).toBeCloseTo(1, 4);
      }
      expect(detections.length).toBeGreaterThan(0);
      for (let i = 1; i < detections.length; i++) expect(detections[i - 1].score).toBeGreaterThanOrEqual(detections[i].score);
      for (const d of detections) {
        expect(d.box[0]).toBeGreaterThanOrEqual(0);
        expect(d.box[2]).toBeLessThanOrEqual(120);
        expect(d.box[3]).toBeLessThanOrEqual(80);
      }
      const feats = await net.features(image, { windows: proposals });
      expect(feats.pooled?.shape).toEqual([4, 8 * 50]);
      tf.dispose([feats.conv5, feats.pooled as tf.Tensor]);
    }
    expect(tf.memory().numTensors).toBe(before);
    const top = await net.classify(image, { topK: 3 });
    expect(top).toHaveLength(3);
    expect(top[0].probability).toBeGreaterThanOrEqual(top[1].probability);
    // The default averages MULTI_VIEWS; 'single' is the paper's one full-image view: other probabilities.
    const single = await net.classify(image, { topK: 20, views: 'single' });
    const multi = await net.classify(image, { topK: 20 });
    expect(single.reduce((a, c) => a + c.probability, 0)).toBeCloseTo(1, 4);
    expect(multi.reduce((a, c) => a + c.probability, 0)).toBeCloseTo(1, 4);
    expect(multi.map((c) => c.probability)).not.toEqual(single.map((c) => c.probability));
    await expect(net.classify(image, { views: 'all' as 'multi' })).rejects.toThrow(/views must be 'single' or 'multi', got 'all'/);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it("detect() without proposals runs selective search for the model's detection windows (manifest.proposals.minBoxSide)", async () => {
    const image = noisyImage(160, 120);
    const windows = async (f: ModelFiles): Promise<Float32Array> => {
      const net = await load({ read: reader({ ...f }) });
      const { trace } = await net.detect(image, { scales: [64] });
      net.dispose();
      return trace.proposals;
    };
    const small = await makeFiles(SPEC, { proposals: { minBoxSide: 4 } });
    expect(detectionWindowOptions(JSON.parse(small['manifest.json']) as ModelManifest)).toEqual({ maxBoxes: 2000, minBoxSide: 4 });
    expect(detectionWindowOptions(undefined)).toEqual({ maxBoxes: 2000, minBoxSide: 20 });
    const got4 = await windows(small);
    const got20 = await windows(files);
    expect(got4).toEqual(selectiveSearch(image, { mode: 'fast', maxBoxes: 2000, minBoxSide: 4 }));
    expect(got20).toEqual(selectiveSearch(image, { mode: 'fast', maxBoxes: 2000 }));
    expect(got4).not.toEqual(got20);
    await expect(makeFiles(SPEC, { proposals: { minBoxSide: -1 } })).rejects.toThrow(/encodeModelFiles: manifest: proposals\.minBoxSide must be a number >= 0, got \{"minBoxSide":-1\}/);
    const manifest = JSON.parse(files['manifest.json']) as ModelManifest;
    const bad = JSON.stringify({ ...manifest, proposals: { minBoxSide: 'ten' } });
    await expect(load({ read: reader({ ...files, 'manifest.json': bad }) })).rejects.toThrow(/manifest\.json: proposals\.minBoxSide must be a number >= 0/);
  });

  it("the 1-scale setting is the manifest's oneScale when it names one, else scales[defaultScaleIndex]", async () => {
    const image = noisyImage(160, 120);
    const oneScale = async (f: ModelFiles): Promise<number> => {
      const net = await load({ read: reader({ ...f }) });
      const { trace } = await net.detect(image, { proposals: new Float32Array([10, 10, 90, 80]) });
      const { scale } = await net.features(image);
      net.dispose();
      expect(trace.scales.map((x) => x.s)).toEqual([scale]);
      return scale;
    };
    expect(oneScaleOf({ scales: [64, 96], defaultScaleIndex: 1 })).toBe(96);
    expect(oneScaleOf({ scales: [64, 96], defaultScaleIndex: 1, oneScale: 112 })).toBe(112);
    expect(await oneScale(files)).toBe(96);
    expect(await oneScale(await makeFiles(SPEC, { oneScale: 112 }))).toBe(112);
    await expect(makeFiles(SPEC, { oneScale: 12.5 })).rejects.toThrow(/encodeModelFiles: manifest: oneScale must be a whole number of pixels in \[32, 4096\], got 12\.5/);
    const manifest = JSON.parse(files['manifest.json']) as ModelManifest;
    const bad = JSON.stringify({ ...manifest, oneScale: 'big' });
    await expect(load({ read: reader({ ...files, 'manifest.json': bad }) })).rejects.toThrow(/manifest\.json: oneScale must be a whole number/);
  });

  it('a corrupt weight file is a clear sha256 error naming the file', async () => {
    const bad = new Uint8Array(files['weights.bin']);
    bad[10] ^= 0xff;
    await expect(load({ read: reader({ ...files, 'weights.bin': bad }) })).rejects.toThrow(/weights\.bin: sha256 mismatch/);
    await expect(load({ read: reader({ ...files, 'manifest.json': '{nope' }) })).rejects.toThrow(/manifest\.json: not valid JSON/);
    await expect(load({ read: reader({ 'model.json': files['model.json'] }) })).rejects.toThrow(/no file manifest\.json/);
  });
});

describe('a model with a classification branch (SppNetSpec.clsBranch)', () => {
  it('loads from its files, classifies through the branch, leaks nothing, and dispose() frees the branch too', async () => {
    await useBackend('wasm');
    const branched: SppNetSpec = { ...SPEC, clsBranch: 3, clsInput: ['branch'] };
    const files = await makeFiles(branched);
    const model = JSON.parse(String(files['model.json'])) as { weightsManifest: Array<{ weights: Array<{ name: string }> }> };
    expect(model.weightsManifest.flatMap((g) => g.weights.map((w) => w.name)).filter((n) => n.startsWith('cls'))).toEqual(['cls_conv4/kernel', 'cls_conv4/bias', 'cls_conv5/kernel', 'cls_conv5/bias', 'cls/kernel', 'cls/bias']);
    const before = tf.memory().numTensors;
    const net = await load({ read: reader({ ...files }) });
    const image = noisyImage(100, 70);
    const single = await net.classify(image, { topK: 20, views: 'single' });
    expect(single.reduce((a, c) => a + c.probability, 0)).toBeCloseTo(1, 4);
    expect(await net.classify(image, { topK: 20, views: 'single' })).toEqual(single);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // A manifest whose head reads a branch the weights lack is refused, naming the tensor.
    const manifest = JSON.parse(String(files['manifest.json'])) as { spec: SppNetSpec };
    const noBranch = await makeFiles({ ...SPEC, clsInput: ['fc7'] });
    await expect(load({ read: reader({ ...noBranch, 'manifest.json': JSON.stringify({ ...JSON.parse(String(noBranch['manifest.json'])), spec: manifest.spec }) }) })).rejects.toThrow(/cls_conv4\/kernel/);
  });
});
