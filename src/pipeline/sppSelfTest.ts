import * as tf from '@tensorflow/tfjs-core';
import { cellBox } from '../geometry/boxes';
import { spatialPyramidPool } from '../model/spatialPyramidPool';
import { binCount } from '../spp/layout';
import { rectPoolReference } from '../spp/sppReference';
import { normalizeWindows, windowBinRects } from '../spp/windowRects';

/** Result of the start-up check shown on the first page. */
export interface SelfTestResult {
  mapShape: [number, number, number];
  windows: number;
  outShape: number[];
  maxAbsError: number;
  ms: number;
}

/**
 * A tiny SPP on a test tensor with the active backend: a 10x13x4 ramp map, three windows (the whole
 * map, a 1-cell window, and one narrower than the finest level), levels {6,3,2,1}, compared with the
 * plain-array reference.
 */
export async function sppSelfTest(): Promise<SelfTestResult> {
  const [h, w, k] = [10, 13, 4];
  const values = Float32Array.from({ length: h * w * k }, (_, i) => Math.sin(i * 0.37) * 10);
  const windows = [cellBox(0, 0, w - 1, h - 1), cellBox(4, 5, 4, 5), cellBox(2, 1, 5, 8)];
  const levels = [6, 3, 2, 1];
  const t0 = performance.now();
  const map = tf.tensor3d(values, [h, w, k]);
  const out = spatialPyramidPool(map, windows, levels);
  const got = await out.data();
  const ms = performance.now() - t0;
  const outShape = out.shape.slice();
  tf.dispose([map, out]);
  const want = rectPoolReference(values, [h, w, k], windowBinRects(normalizeWindows(windows, [h, w]), levels), 'max').values;
  let maxAbsError = got.length === want.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(got.length, want.length); i++) maxAbsError = Math.max(maxAbsError, Math.abs(got[i] - want[i]));
  if (outShape[1] !== k * binCount(levels)) maxAbsError = Infinity;
  return { mapShape: [h, w, k], windows: windows.length, outShape, maxAbsError, ms };
}
