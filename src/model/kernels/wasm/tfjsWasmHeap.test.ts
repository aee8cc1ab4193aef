import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../../test/tfBackends';
import { rectPoolReference } from '../../../spp/sppReference';
import { RECT_POOL } from '../rectPoolKernel';
import { registerRectPool } from '../registerRectPool';
import { rectMaxPoolWasmKernel } from './rectMaxPoolWasm';
import { tfjsWasmHeap } from './tfjsWasmHeap';

describe('tfjsWasmHeap and the in-place kernel on the tfjs wasm backend', () => {
  beforeAll(async () => {
    registerRectPool();
    await useBackend('wasm');
  });

  it('finds the heap memory, and our kernel can import it (so the in-place path is the one taken)', () => {
    const heap = tfjsWasmHeap(tf.backend());
    expect(heap).not.toBeNull();
    expect(heap!.memory).toBeInstanceOf(WebAssembly.Memory);
    expect(rectMaxPoolWasmKernel(heap!.memory)).not.toBeNull();
  });

  it('is null for a backend without a wasm heap', () => {
    expect(tfjsWasmHeap({})).toBeNull();
    expect(tfjsWasmHeap(null)).toBeNull();
  });

  it('pools in place equal to the reference, leaves other tensors intact and leaks none', () => {
    const [h, w, k] = [11, 17, 37];
    const before = tf.memory().numTensors;
    const values = Float32Array.from({ length: h * w * k }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const rects = Int32Array.of(0, 11, 0, 17, 3, 4, 5, 6, 2, 9, 1, 16, 10, 11, 0, 3, 0, 5, 12, 17);
    const x = tf.tensor3d(values, [h, w, k]);
    const r = tf.tensor2d(rects, [5, 4], 'int32');
    const sentinel = tf.fill([1000], 7);
    for (let rep = 0; rep < 2; rep++) {
      const out = tf.engine().runKernel(RECT_POOL, { x, rects: r }, { mode: 'max' }) as tf.Tensor;
      expect(out.shape).toEqual([5, k]);
      expect(Array.from(out.dataSync())).toEqual(Array.from(rectPoolReference(values, [h, w, k], rects, 'max').values));
      out.dispose();
    }
    expect(Array.from(x.dataSync())).toEqual(Array.from(values));
    expect(Array.from(sentinel.dataSync()).every((v) => v === 7)).toBe(true);
    tf.dispose([x, r, sentinel]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
