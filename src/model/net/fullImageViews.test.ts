import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../test/tfBackends';
import { DEFAULT_NORMALIZATION, MULTI_VIEWS, SINGLE_VIEW, ZF5_SMALL, assertSpec, classifyFullImage, clsFeatures, clsInputSize, fcForward, headForward, headShapes, imageToInput, initParams, pooledSize, poolWholeBatch, trunkForward, type SppNetSpec } from '..';

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

  it('the single view is the whole image at min side = training side, aspect kept; a mirrored view is the mirrored image', () => {
    const single = got(SINGLE_VIEW);
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
    const byHand = tf.tidy(() => tf.softmax(headForward(params, 'cls', clsFeatures(WIDE, params, poolWholeBatch(WIDE, trunkForward(WIDE, params, imageToInput(image, DEFAULT_NORMALIZATION, [48, 72])))))));
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
