import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../test/tfBackends';
import { DEFAULT_NORMALIZATION, MULTI_VIEWS, SINGLE_VIEW, ZF5_SMALL, assertParams, assertSpec, branchPooled, classifyFullImage, clsFeatures, clsInputSize, fcForward, headForward, headShapes, imageClsFeatures, imageToInput, initParams, pooledSize, poolWholeBatch, trunkForward, trunkRange, type SppNetSpec, viewsAtSides } from '..';

const TINY: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 4 })), fc: [8, 8] };

function noisyImage(w: number, h: number, seed: number): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(w * h * 4);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = i % 4 === 3 ? 255 : s >>> 24;
  }
  return { width: w, height: h, data };
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('classifyFullImage', () => {
  let params: ReturnType<typeof initParams>;
  beforeAll(() => {
    params = initParams(TINY, 5);
  });
  const image = noisyImage(90, 60, 3);
  const byHand = (size: [number, number], flipImage: boolean): Float32Array => {
    const t = tf.tidy(() => {
      let x = imageToInput(image, DEFAULT_NORMALIZATION, size);
      if (flipImage) {
        // Mirror the pixels themselves, not the tensor: an independent route to the same view.
        const m = new Uint8ClampedArray(image.data.length);
        for (let y = 0; y < image.height; y++) for (let c = 0; c < image.width; c++) m.set(image.data.subarray(4 * (y * image.width + c), 4 * (y * image.width + c) + 4), 4 * (y * image.width + image.width - 1 - c));
        x = imageToInput({ ...image, data: m }, DEFAULT_NORMALIZATION, size);
      }
      return tf.reshape(tf.softmax(headForward(params, 'cls', fcForward(params, poolWholeBatch(TINY, trunkForward(TINY, params, x))))), [-1]);
    });
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  };
  const got = (views: Parameters<typeof classifyFullImage>[5]): Float32Array => {
    const t = classifyFullImage(TINY, params, DEFAULT_NORMALIZATION, image, 48, views);
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  };

  it('the single view is the whole image at min side = 256/224 of the training side (the paper\'s 256 for 224), aspect kept; a mirrored view is the mirrored image', () => {
    // 48 x 256 / 224 = 54.9 -> min side 55; the 90 x 60 image keeps its aspect: 83 x 55.
    const paper = got(SINGLE_VIEW);
    byHand([55, 83], false).forEach((v, i) => expect(paper[i]).toBeCloseTo(v, 5));
    const single = got([{ scale: 1, flip: false }]);
    byHand([48, 72], false).forEach((v, i) => expect(single[i]).toBeCloseTo(v, 5));
    const mirrored = got([{ scale: 1, flip: true }]);
    byHand([48, 72], true).forEach((v, i) => expect(mirrored[i]).toBeCloseTo(v, 5));
    expect(Array.from(mirrored)).not.toEqual(Array.from(single));
  });

  it('several views average their probabilities; MULTI_VIEWS are 4 sizes x mirror, no tensors left behind', () => {
    const n0 = tf.memory().numTensors;
    const two = got([{ scale: 1, flip: false }, { scale: 1.5, flip: false }]);
    const a = byHand([48, 72], false);
    const b = byHand([72, 108], false);
    a.forEach((v, i) => expect(two[i]).toBeCloseTo((v + b[i]) / 2, 5));
    const multi = got(MULTI_VIEWS);
    expect(multi.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    expect(MULTI_VIEWS).toHaveLength(8);
    expect(new Set(MULTI_VIEWS.map((v) => Math.round(v.scale * 144)))).toEqual(new Set([116, 144, 176, 208]));
    expect(viewsAtSides([72, 96], 48)).toEqual([{ scale: 1.5, flip: false }, { scale: 1.5, flip: true }, { scale: 2, flip: false }, { scale: 2, flip: true }]);
    expect(tf.memory().numTensors).toBe(n0);
    expect(() => classifyFullImage(TINY, params, DEFAULT_NORMALIZATION, image, 48, [])).toThrow(/no views/);
  });
});

describe('the classification head\'s input (SppNetSpec.clsInput)', () => {
  const WIDE: SppNetSpec = { ...TINY, clsInput: ['pooled', 'fc6', 'fc7'] };
  let pooled: tf.Tensor2D;
  beforeAll(() => {
    pooled = tf.tidy(() => poolWholeBatch(TINY, trunkForward(TINY, initParams(TINY, 2), imageToInput(noisyImage(70, 50, 9), DEFAULT_NORMALIZATION, [50, 70]))));
  });

  it('defaults to fc7; otherwise the named features side by side in order, and the head is as wide', () => {
    const params = initParams(WIDE, 6);
    const n0 = tf.memory().numTensors;
    const fc7 = fcForward(params, pooled);
    const dflt = clsFeatures(TINY, params, pooled);
    expect(Array.from(dflt.dataSync())).toEqual(Array.from(fc7.dataSync()));
    const fc6 = tf.tidy(() => tf.relu(tf.add(tf.matMul(pooled, params['fc6/kernel'] as tf.Tensor2D), params['fc6/bias'])));
    const wide = clsFeatures(WIDE, params, pooled);
    const d = pooledSize(TINY);
    expect(wide.shape).toEqual([1, d + 8 + 8]);
    expect(clsInputSize(WIDE)).toBe(d + 16);
    const w = Array.from(wide.dataSync());
    expect(w.slice(0, d)).toEqual(Array.from(pooled.dataSync()));
    w.slice(d, d + 8).forEach((v, i) => expect(v).toBeCloseTo(fc6.dataSync()[i], 6));
    w.slice(d + 8).forEach((v, i) => expect(v).toBeCloseTo(fc7.dataSync()[i], 6));
    const swapped = clsFeatures({ ...TINY, clsInput: ['fc7', 'fc6'] }, params, pooled);
    expect(Array.from(swapped.dataSync().slice(0, 8))).toEqual(Array.from(fc7.dataSync()));
    tf.dispose([fc7, dflt, fc6, wide, swapped]);
    expect(tf.memory().numTensors).toBe(n0);
    expect(headShapes(WIDE)['cls/kernel']).toEqual([d + 16, 20]);
    expect(headShapes(TINY)['cls/kernel']).toEqual([8, 20]);
    tf.dispose(Object.values(params));
  });

  it('classifyFullImage reads the features the spec names', () => {
    const params = initParams(WIDE, 8);
    const image = noisyImage(90, 60, 4);
    const p = classifyFullImage(WIDE, params, DEFAULT_NORMALIZATION, image, 48);
    const byHand = tf.tidy(() => tf.softmax(headForward(params, 'cls', clsFeatures(WIDE, params, poolWholeBatch(WIDE, trunkForward(WIDE, params, imageToInput(image, DEFAULT_NORMALIZATION, [55, 83])))))));
    Array.from(byHand.dataSync()).forEach((v, i) => expect(p.dataSync()[i]).toBeCloseTo(v, 6));
    tf.dispose([p, byHand, ...Object.values(params)]);
  });

  it('a bad clsInput is an error naming the field', () => {
    expect(() => assertSpec({ ...TINY, clsInput: [] })).toThrow(/clsInput/);
    expect(() => assertSpec({ ...TINY, clsInput: ['fc8' as 'fc7'] })).toThrow(/clsInput must list distinct features of pooled, fc6, fc7/);
    expect(() => assertSpec({ ...TINY, clsInput: ['fc7', 'fc7'] })).toThrow(/clsInput/);
    expect(() => assertSpec(WIDE)).not.toThrow();
  });
});

describe('the classification branch (SppNetSpec.clsBranch)', () => {
  const BRANCHED: SppNetSpec = { ...TINY, clsBranch: 3, clsInput: ['pooled', 'fc7', 'branch'] };

  it('copies the trunk layers from clsBranch on under cls_ names, same shapes; the head is as wide as what it reads', () => {
    const shapes = headShapes(BRANCHED);
    expect(Object.keys(shapes).filter((k) => k.startsWith('cls_'))).toEqual(['cls_conv4/kernel', 'cls_conv4/bias', 'cls_conv5/kernel', 'cls_conv5/bias']);
    expect(shapes['cls_conv4/kernel']).toEqual(shapes['conv4/kernel']);
    expect(shapes['cls_conv5/kernel']).toEqual(shapes['conv5/kernel']);
    expect(shapes['cls/kernel']).toEqual([2 * pooledSize(TINY) + 8, 20]);
    expect(Object.keys(headShapes(TINY)).some((k) => k.startsWith('cls_'))).toBe(false);
    const params = initParams(BRANCHED, 3);
    expect(() => assertParams(BRANCHED, params)).not.toThrow();
    const { 'cls_conv5/bias': _dropped, ...missing } = params;
    expect(() => assertParams(BRANCHED, missing)).toThrow(/missing tensor 'cls_conv5\/bias'/);
    tf.dispose(Object.values(params));
  });

  it('a branch the head does not read, a head reading a missing branch, or a bad index is an error naming the field', () => {
    expect(() => assertSpec(BRANCHED)).not.toThrow();
    expect(() => assertSpec({ ...TINY, clsBranch: 3 })).toThrow(/clsBranch is set but clsInput does not read 'branch'/);
    expect(() => assertSpec({ ...TINY, clsInput: ['branch'] })).toThrow(/clsInput reads 'branch' but clsBranch is not set/);
    expect(() => assertSpec({ ...BRANCHED, clsBranch: 5 })).toThrow(/clsBranch must be the index of a conv layer \(0\.\.4\)/);
    expect(() => assertSpec({ ...BRANCHED, clsBranch: 1.5 })).toThrow(/clsBranch/);
  });

  it('runs the shared layers once, then the trunk tail and the branch, each pooled; the branch with the trunk\'s weights equals the trunk', () => {
    const params = initParams(BRANCHED, 7);
    const x = imageToInput(noisyImage(80, 56, 5), DEFAULT_NORMALIZATION, [56, 80]);
    const n0 = tf.memory().numTensors;
    const got = imageClsFeatures(BRANCHED, params, x);
    expect(tf.memory().numTensors).toBe(n0 + 1);
    const byHand = tf.tidy(() => {
      const shared = trunkRange(BRANCHED, params, x, 0, 3);
      const pooled = poolWholeBatch(BRANCHED, trunkRange(BRANCHED, params, shared, 3, 5));
      const branchParams = { ...params, 'conv4/kernel': params['cls_conv4/kernel'], 'conv4/bias': params['cls_conv4/bias'], 'conv5/kernel': params['cls_conv5/kernel'], 'conv5/bias': params['cls_conv5/bias'] };
      const branch = poolWholeBatch(BRANCHED, trunkForward(BRANCHED, branchParams, x));
      return tf.concat([pooled, fcForward(params, pooled), branch], 1);
    });
    expect(got.shape).toEqual([1, clsInputSize(BRANCHED)]);
    const g = got.dataSync();
    Array.from(byHand.dataSync()).forEach((v, i) => expect(g[i]).toBeCloseTo(v, 5));
    // With the trunk's own weights in the branch, its pooled vector is the trunk's.
    const same = { ...params, 'cls_conv4/kernel': params['conv4/kernel'], 'cls_conv4/bias': params['conv4/bias'], 'cls_conv5/kernel': params['conv5/kernel'], 'cls_conv5/bias': params['conv5/bias'] };
    const [a, b] = tf.tidy(() => {
      const shared = trunkRange(BRANCHED, same, x, 0, 3);
      return [branchPooled(BRANCHED, same, shared), poolWholeBatch(BRANCHED, trunkForward(BRANCHED, same, x))];
    });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(() => branchPooled(TINY, params, x)).toThrow(/no classification branch/);
    expect(() => clsFeatures(BRANCHED, params, a)).toThrow(/reads pooled, fc7, branch, but no branch pooled vector was given/);
    tf.dispose([x, got, byHand, a, b, ...Object.values(params)]);
  });

  it('classifyFullImage of a branched model reads the branch', () => {
    const params = initParams(BRANCHED, 9);
    const image = noisyImage(90, 60, 6);
    const p1 = classifyFullImage(BRANCHED, params, DEFAULT_NORMALIZATION, image, 48);
    params['cls_conv5/kernel'].dispose();
    params['cls_conv5/kernel'] = tf.randomNormal(headShapes(BRANCHED)['cls_conv5/kernel'], 0, 0.5, 'float32', 4);
    const p2 = classifyFullImage(BRANCHED, params, DEFAULT_NORMALIZATION, image, 48);
    expect(Array.from(p2.dataSync())).not.toEqual(Array.from(p1.dataSync()));
    tf.dispose([p1, p2, ...Object.values(params)]);
  });
});
