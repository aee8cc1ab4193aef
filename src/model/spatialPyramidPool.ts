import * as tf from '@tensorflow/tfjs-core';
import type { CellBox } from '../geometry/boxes';
import { DEFAULT_LEVELS } from '../spp/pyramidBins';
import { assertLevels, binCount } from '../spp/layout';
import { normalizeWindows, windowBinRects } from '../spp/windowRects';
import type { PoolMode } from '../spp/sppReference';
import { RECT_POOL } from './kernels/rectPoolKernel';
import { registerRectPool } from './kernels/registerRectPool';

/** Options of {@link spatialPyramidPool}. */
export interface SpatialPyramidPoolOptions {
  /** Pooling inside each bin. @default 'max' (PAPER §2.3) */
  mode?: PoolMode;
}

registerRectPool();

/**
 * Spatial pyramid pooling (PAPER §2.3, App. A) of many windows on one feature map, batched: every
 * bin of every window is pooled by one kernel dispatch (WGSL on webgpu, GLSL on webgl, sparse-table
 * typed-array code on cpu/wasm). Differentiable: the gradient goes to each bin's arg-max cell.
 * @param featureMap [h, w, k] float32 conv5 map (any size, including smaller than the finest level).
 * @param windows inclusive cell boxes `[x1, y1, x2, y2]` on that map; `null` = the whole map.
 * @param levels bins per side of each level, in output order. @default [6, 3, 2, 1]
 * @returns [N, k * M] float32 in the bin-major layout of spp/layout.ts (M = sum of n^2).
 */
export function spatialPyramidPool(
  featureMap: tf.Tensor3D,
  windows: readonly CellBox[] | null,
  levels: readonly number[] = DEFAULT_LEVELS,
  options: SpatialPyramidPoolOptions = {},
): tf.Tensor2D {
  const { h, w, k } = checkMap(featureMap);
  assertLevels(levels);
  const mode = checkMode(options.mode);
  const boxes = normalizeWindows(windows, [h, w]);
  const n = boxes.length >> 2;
  const m = binCount(levels);
  if (n === 0) return tf.zeros([0, k * m]);
  // Special case first: the whole map at a single 1x1 level is a plain reduction.
  if (windows === null && levels.length === 1 && levels[0] === 1) {
    return tf.tidy(() => tf.reshape(mode === 'max' ? tf.max(featureMap, [0, 1]) : tf.mean(featureMap, [0, 1]), [1, k]));
  }
  return tf.tidy(() => {
    const rects = tf.tensor2d(windowBinRects(boxes, levels), [n * m, 4], 'int32');
    const pooled = tf.engine().runKernel(RECT_POOL, { x: featureMap, rects }, { mode }) as tf.Tensor2D;
    return tf.reshape(pooled, [n, k * m]);
  });
}

/** Validates the feature map; errors name the bad shape or dtype. */
export function checkMap(featureMap: tf.Tensor): { h: number; w: number; k: number } {
  if (!(featureMap instanceof tf.Tensor)) throw new Error('spatialPyramidPool: featureMap must be a tf.Tensor3D [h, w, k]');
  if (featureMap.rank !== 3) throw new Error(`spatialPyramidPool: featureMap must be rank 3 [h, w, k], got shape [${featureMap.shape.join(', ')}]`);
  if (featureMap.dtype !== 'float32') throw new Error(`spatialPyramidPool: featureMap must be float32, got ${featureMap.dtype}`);
  const [h, w, k] = featureMap.shape;
  if (h < 1 || w < 1 || k < 1) throw new Error(`spatialPyramidPool: featureMap must be at least 1x1x1, got [${h}, ${w}, ${k}]`);
  return { h, w, k };
}

function checkMode(mode: PoolMode | undefined): PoolMode {
  const m = mode ?? 'max';
  if (m !== 'max' && m !== 'avg') throw new Error(`spatialPyramidPool: mode must be 'max' or 'avg', got '${String(mode)}'`);
  return m;
}
