import * as tf from '@tensorflow/tfjs-core';
import { type RgbaImage, fcForward, headForward, imageToInput, poolWholeBatch, trunkForward } from '../model';
import type { SppNetCore } from './runDetector';

/** Options of {@link rcnnWay}. */
export interface RcnnWayOptions {
  /** Run the first `count` windows (ranked order). @default all */
  count?: number;
  /** Windows warped and run through the trunk together. @default 8 */
  batchSize?: number;
  /** Checked between batches; when `aborted` turns true the run throws an AbortError. */
  signal?: { readonly aborted: boolean };
  /** After each batch; a returned promise is awaited (a worker yields there to see cancel messages). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** Timing of {@link rcnnWay}. */
export interface RcnnWayResult {
  /** Windows actually run. */
  windows: number;
  /** Side of the square every window is warped to: the training input (sqrt(trainArea)). */
  warpSide: number;
  /** Wall time of the whole loop: crop + warp, trunk, pooling, fc and heads, in ms. */
  ms: number;
  msPerWindow: number;
}

/** Thrown by {@link rcnnWay} when its `signal` is aborted. */
export class RcnnAbortError extends Error {
  override readonly name = 'AbortError';
  constructor() { super('rcnnWay: cancelled'); }
}

/**
 * "The R-CNN way" (PAPER §1, §4 timing): every window is cropped from the image and warped to the
 * training size, then the trunk runs on each warped window separately, followed by the same pooling,
 * fc layers and heads as SPP-net. Used to measure SPP-net's speed-up on this backend with the same
 * model, image and windows.
 * @param proposals ranked windows, 4N floats [x1, y1, x2, y2] in image pixels.
 */
export async function rcnnWay(net: SppNetCore, image: RgbaImage, proposals: Float32Array, options: RcnnWayOptions = {}): Promise<RcnnWayResult> {
  const { manifest, params } = net;
  const spec = manifest.spec;
  const total = Math.min(proposals.length / 4, options.count ?? Infinity);
  const batch = Math.max(1, options.batchSize ?? 8);
  const side = Math.round(Math.sqrt(manifest.trainArea));
  const { width: W, height: H } = image;
  const t0 = performance.now();
  const full = imageToInput(image, manifest.normalization);
  try {
    for (let b = 0; b < total; b += batch) {
      if (options.signal?.aborted) throw new RcnnAbortError();
      const n = Math.min(batch, total - b);
      // cropAndResize takes normalised [y1, x1, y2, x2] with inclusive ends: (x2 - 1) / (W - 1).
      const boxes: number[][] = [];
      for (let i = b; i < b + n; i++) {
        const x1 = proposals[4 * i], y1 = proposals[4 * i + 1], x2 = proposals[4 * i + 2], y2 = proposals[4 * i + 3];
        boxes.push([y1 / Math.max(1, H - 1), x1 / Math.max(1, W - 1), (y2 - 1) / Math.max(1, H - 1), (x2 - 1) / Math.max(1, W - 1)]);
      }
      const [probs, reg] = tf.tidy(() => {
        const crops = tf.image.cropAndResize(full, boxes, new Array<number>(n).fill(0), [side, side]);
        const pooled = poolWholeBatch(spec, trunkForward(spec, params, crops));
        return [tf.softmax(headForward(params, 'det', fcForward(params, pooled))), headForward(params, 'bbox', pooled)];
      });
      await Promise.all([probs.data(), reg.data()]);
      tf.dispose([probs, reg]);
      await options.onProgress?.(b + n, total);
    }
  } finally {
    full.dispose();
  }
  const ms = performance.now() - t0;
  return { windows: total, warpSide: side, ms, msPerWindow: total > 0 ? ms / total : 0 };
}
