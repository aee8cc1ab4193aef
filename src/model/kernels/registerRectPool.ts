import * as tf from '@tensorflow/tfjs-core';
import { RECT_POOL, type RectPoolAttrs } from './rectPoolKernel';
import { registerRectPoolCpu } from './cpu/registerRectPoolCpu';
import { registerRectPoolWebGL } from './webgl/registerRectPoolWebGL';
import { registerRectPoolWebGPU } from './webgpu/registerRectPoolWebGPU';

/**
 * Gradient of rect pooling. Max: the gradient goes to the arg-max cell of each (rect, channel)
 * (found by the same kernel in 'argmax' mode) and sums where cells are shared by overlapping bins
 * (scatterND accumulates duplicates). Avg: each output spreads dy / |bin| over its bin's cells.
 */
function rectPoolGrad(dyIn: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap): Record<string, () => tf.Tensor> {
  const dy = Array.isArray(dyIn) ? dyIn[0] : dyIn;
  const [x, rects] = saved;
  const { mode } = attrs as unknown as RectPoolAttrs;
  const [h, w, k] = x.shape;
  return {
    x: () => {
      if (mode === 'max') {
        const idx = tf.engine().runKernel(RECT_POOL, { x, rects }, { mode: 'argmax' }) as tf.Tensor;
        return tf.tidy(() => tf.reshape(tf.scatterND(tf.reshape(idx, [-1, 1]), tf.reshape(dy, [-1]), [h * w * k]), [h, w, k]));
      }
      return avgGrad(dy, rects, [h, w, k]);
    },
    rects: () => tf.zerosLike(rects),
  };
}

function avgGrad(dy: tf.Tensor, rects: tf.Tensor, [h, w, k]: number[]): tf.Tensor {
  const d = dy.dataSync();
  const r = rects.dataSync();
  const g = new Float32Array(h * w * k);
  for (let i = 0; i < r.length >> 2; i++) {
    const y0 = r[4 * i], y1 = r[4 * i + 1], x0 = r[4 * i + 2], x1 = r[4 * i + 3];
    const inv = 1 / ((y1 - y0) * (x1 - x0));
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const o = (y * w + x) * k;
      for (let c = 0; c < k; c++) g[o + c] += d[i * k + c] * inv;
    }
  }
  return tf.tensor3d(g, [h, w, k]);
}

let registered = false;

/** Registers the rect-pool kernel on every backend, and its gradient (idempotent). */
export function registerRectPool(): void {
  if (registered) return;
  registered = true;
  registerRectPoolCpu();
  registerRectPoolWebGL();
  registerRectPoolWebGPU();
  if (!tf.getGradient(RECT_POOL)) tf.registerGradient({ kernelName: RECT_POOL, inputsToSave: ['x', 'rects'], gradFunc: rectPoolGrad });
}
