import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { averageParams } from './averageParams';

describe('averageParams (npm run average)', () => {
  beforeAll(() => useBackend('wasm'));

  it('averages the tensors that differ, copies the ones equal everywhere bit for bit, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const frozen = [0.1, -0.30000001192092896, 1e-7];
    const a = { 'conv5/kernel': tf.tensor1d(frozen), 'fc6/kernel': tf.tensor2d([[1, 2], [3, 4]]) };
    const b = { 'conv5/kernel': tf.tensor1d(frozen), 'fc6/kernel': tf.tensor2d([[3, 2], [5, -4]]) };
    const c = { 'conv5/kernel': tf.tensor1d(frozen), 'fc6/kernel': tf.tensor2d([[2, 5], [1, 3]]) };
    const { params, averaged } = averageParams([a, b, c]);
    expect(averaged).toEqual(['fc6/kernel']);
    expect(Array.from(params['fc6/kernel'].dataSync())).toEqual([2, 3, 3, 1]);
    expect(params['fc6/kernel'].shape).toEqual([2, 2]);
    expect(Array.from(params['conv5/kernel'].dataSync())).toEqual(Array.from(a['conv5/kernel'].dataSync()));
    // Two models: the mean of a and b.
    const two = averageParams([a, b]);
    expect(Array.from(two.params['fc6/kernel'].dataSync())).toEqual([2, 2, 4, 0]);
    tf.dispose([...Object.values(a), ...Object.values(b), ...Object.values(c), ...Object.values(params), ...Object.values(two.params)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses models whose tensors do not line up, naming the tensor', () => {
    const a = { 'fc6/kernel': tf.zeros([2, 2]) };
    const b = { 'fc6/kernel': tf.zeros([2, 3]) };
    const c = { 'fc7/kernel': tf.zeros([2, 2]) };
    expect(() => averageParams([a, b])).toThrow(/fc6\/kernel is 2x3 in model 1, 2x2 in model 0/);
    expect(() => averageParams([a, c])).toThrow(/model 1 holds tensors fc7\/kernel/);
    expect(() => averageParams([a])).toThrow(/at least 2 models/);
    tf.dispose([a['fc6/kernel'], b['fc6/kernel'], c['fc7/kernel']]);
  });
});
