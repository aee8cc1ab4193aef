import * as tf from '@tensorflow/tfjs-core';
import type { CellBox } from '../geometry/boxes';
import { DEFAULT_LEVELS } from '../spp/pyramidBins';
import { assertLevels, binCount } from '../spp/layout';
import { normalizeWindows, windowBinRects } from '../spp/windowRects';
import { checkMap, type SpatialPyramidPoolOptions } from './spatialPyramidPool';

/**
 * The same result as spatialPyramidPool built from stock tfjs ops, one slice + reduction per bin of
 * each window: runs on any backend with no custom kernel, differentiable by tfjs itself. It is the
 * baseline the batched kernels are measured against (npm run bench:spp), and a second oracle.
 * @returns [N, k * M] float32, bin-major layout (spp/layout.ts).
 */
export function spatialPyramidPoolComposite(
  featureMap: tf.Tensor3D,
  windows: readonly CellBox[] | null,
  levels: readonly number[] = DEFAULT_LEVELS,
  options: SpatialPyramidPoolOptions = {},
): tf.Tensor2D {
  const { h, w, k } = checkMap(featureMap);
  assertLevels(levels);
  const reduce = (options.mode ?? 'max') === 'max' ? tf.max : tf.mean;
  const boxes = normalizeWindows(windows, [h, w]);
  const n = boxes.length >> 2, m = binCount(levels);
  if (n === 0) return tf.zeros([0, k * m]);
  const rects = windowBinRects(boxes, levels);
  return tf.tidy(() => {
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < n; i++) {
      const bins: tf.Tensor[] = [];
      for (let j = 0; j < m; j++) {
        const o = 4 * (i * m + j);
        const [y0, y1, x0, x1] = [rects[o], rects[o + 1], rects[o + 2], rects[o + 3]];
        bins.push(reduce(tf.slice(featureMap, [y0, x0, 0], [y1 - y0, x1 - x0, k]), [0, 1]));
      }
      rows.push(tf.concat(bins));
    }
    return tf.stack(rows) as tf.Tensor2D;
  });
}
