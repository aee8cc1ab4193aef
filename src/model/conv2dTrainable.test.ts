import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { conv2dTrainable } from './conv2dTrainable';

/** Gradients of sum(conv(x, w) * r) w.r.t. x and w, with the stock conv or the custom one. */
function grads(custom: boolean, x: tf.Tensor4D, w: tf.Tensor4D, r: tf.Tensor, stride: number): Float32Array[] {
  const f = (xi: tf.Tensor, wi: tf.Tensor): tf.Scalar =>
    tf.sum(tf.mul(custom ? conv2dTrainable(xi as tf.Tensor4D, wi as tf.Tensor4D, stride) : tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, stride, 'valid'), r));
  const g = tf.grads(f)([x, w]);
  const out = g.map((t) => t.dataSync() as Float32Array);
  tf.dispose(g);
  return out;
}

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return m / scale;
}

// PLATFORM.md: the custom gradient must match the cpu backend's stock Conv2DBackprop{Input,Filter}.
describe('conv2dTrainable gradient check against the cpu backend', () => {
  const cases = [
    { name: '7x7 stride 2, odd input (conv1)', h: 19, w: 16, ci: 3, co: 5, k: 7, s: 2 },
    { name: '5x5 stride 2, (h-k) % s != 0', h: 14, w: 11, ci: 4, co: 6, k: 5, s: 2 },
    { name: '3x3 stride 1 (conv3-5)', h: 9, w: 7, ci: 6, co: 3, k: 3, s: 1 },
    { name: '1x1 output', h: 3, w: 3, ci: 2, co: 2, k: 3, s: 1 },
  ];
  for (const c of cases) {
    it(`${c.name}: custom dx, dW on wasm and cpu equal stock cpu grads within 1e-5`, async () => {
      await useBackend('cpu');
      const mk = (): tf.Tensor4D[] => [
        tf.randomNormal([2, c.h, c.w, c.ci], 0, 1, 'float32', 1) as tf.Tensor4D,
        tf.randomNormal([c.k, c.k, c.ci, c.co], 0, 1, 'float32', 2) as tf.Tensor4D,
      ];
      const [x, w] = mk();
      const outShape = tf.conv2d(x, w, c.s, 'valid').shape;
      const r = tf.randomNormal(outShape, 0, 1, 'float32', 3);
      const [xv, wv, rv] = [x.dataSync(), w.dataSync(), r.dataSync()];
      const stock = grads(false, x, w, r, c.s);
      const customCpu = grads(true, x, w, r, c.s);
      tf.dispose([x, w, r]);
      expect(maxRelDiff(customCpu[0], stock[0])).toBeLessThan(1e-5);
      expect(maxRelDiff(customCpu[1], stock[1])).toBeLessThan(1e-5);

      await useBackend('wasm');
      const before = tf.memory().numTensors;
      const xw = tf.tensor4d(xv, x.shape);
      const ww = tf.tensor4d(wv, w.shape);
      const rw = tf.tensor(rv, outShape);
      const customWasm = grads(true, xw, ww, rw, c.s);
      tf.dispose([xw, ww, rw]);
      expect(tf.memory().numTensors).toBe(before);
      expect(maxRelDiff(customWasm[0], stock[0])).toBeLessThan(1e-5);
      expect(maxRelDiff(customWasm[1], stock[1])).toBeLessThan(1e-5);
    });
  }
});
