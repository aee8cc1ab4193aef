import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { cellBox, type CellBox } from '../geometry/boxes';
import { decodeF32, goldenVector, readGolden, type SppGolden } from '../../test/golden';
import { NODE_BACKENDS, useBackend } from '../../test/tfBackends';
import { rectPoolReference } from '../spp/sppReference';
import { normalizeWindows, windowBinRects } from '../spp/windowRects';
import { rectPoolFast } from './kernels/cpu/rectPoolFast';
import { spatialPyramidPool } from './spatialPyramidPool';
import { spatialPyramidPoolComposite } from './spatialPyramidPoolComposite';

const golden = readGolden<SppGolden>('spp.json');
const EPS = 1e-6;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Seeded uniform values in [-1, 1). */
function randomMap(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = s / 2 ** 31 - 1; }
  return out;
}

function randomWindows(count: number, h: number, w: number, seed: number): CellBox[] {
  const r = randomMap(4 * count, seed);
  const out: CellBox[] = [];
  for (let i = 0; i < count; i++) {
    const xa = Math.floor(((r[4 * i] + 1) / 2) * w), xb = Math.floor(((r[4 * i + 1] + 1) / 2) * w);
    const ya = Math.floor(((r[4 * i + 2] + 1) / 2) * h), yb = Math.floor(((r[4 * i + 3] + 1) / 2) * h);
    out.push(cellBox(Math.min(xa, xb), Math.min(ya, yb), Math.max(xa, xb), Math.max(ya, yb)));
  }
  return out;
}

describe('rectPoolFast (sparse table / summed-area) equals the reference', () => {
  it.each([[1, 1, 3], [3, 40, 2], [13, 13, 8], [43, 57, 16], [7, 19, 5]])('map %ix%ix%i, 300 random windows', (h, w, k) => {
    const map = randomMap(h * w * k, h * 31 + w);
    const rects = windowBinRects(normalizeWindows(randomWindows(300, h, w, k), [h, w]), [6, 3, 2, 1]);
    const ref = rectPoolReference(map, [h, w, k], rects, 'max').values;
    expect(maxAbsDiff(rectPoolFast(map, [h, w, k], rects, 'max'), ref)).toBe(0);
    const refAvg = rectPoolReference(map, [h, w, k], rects, 'avg').values;
    expect(maxAbsDiff(rectPoolFast(map, [h, w, k], rects, 'avg'), refAvg)).toBeLessThan(1e-5);
  });
});

for (const backend of NODE_BACKENDS) {
  describe(`spatialPyramidPool on ${backend}`, () => {
    beforeAll(async () => { await useBackend(backend); });

    golden.cases.forEach((c) => {
      it(`${c.height}x${c.width}x${c.channels} {${c.levels}}: batched kernel and composite equal PyTorch within ${EPS}`, () => {
        const before = tf.memory().numTensors;
        const map = tf.tensor3d(decodeF32(c.featureMap), [c.height, c.width, c.channels]);
        const windows = c.windows.map((w) => cellBox(...w.cells));
        const expected = c.windows.map((w) => goldenVector(w.levels));
        const full = spatialPyramidPool(map, null, c.levels);
        expect(full.shape).toEqual([1, c.channels * c.levels.reduce((s, n) => s + n * n, 0)]);
        expect(maxAbsDiff(full.dataSync(), goldenVector(c.full))).toBeLessThanOrEqual(EPS);
        for (const impl of [spatialPyramidPool, spatialPyramidPoolComposite]) {
          const out = impl(map, windows, c.levels);
          const data = out.dataSync();
          const len = expected[0].length;
          expected.forEach((e, i) => expect(maxAbsDiff(data.subarray(i * len, (i + 1) * len), e)).toBeLessThanOrEqual(EPS));
          out.dispose();
        }
        full.dispose();
        map.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    });

    it('a single-cell window pools to that cell at every bin', () => {
      const map = tf.tensor3d(randomMap(5 * 6 * 3, 9), [5, 6, 3]);
      const out = spatialPyramidPool(map, [cellBox(2, 3, 2, 3)], [6, 3, 2, 1]);
      const cell = Array.from(map.dataSync().subarray((3 * 6 + 2) * 3, (3 * 6 + 2) * 3 + 3));
      const v = out.dataSync();
      for (let b = 0; b < 50; b++) expect(Array.from(v.subarray(3 * b, 3 * b + 3))).toEqual(cell);
      tf.dispose([map, out]);
    });

    it('average pooling matches the composite mean', () => {
      const map = tf.tensor3d(randomMap(9 * 11 * 4, 3), [9, 11, 4]);
      const wins = randomWindows(20, 9, 11, 5);
      const a = spatialPyramidPool(map, wins, [4, 2, 1], { mode: 'avg' });
      const b = spatialPyramidPoolComposite(map, wins, [4, 2, 1], { mode: 'avg' });
      expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
      tf.dispose([map, a, b]);
    });

    it('gradient: max routes dy to the arg-max cells, equal to tfjs autograd of the composite', () => {
      const before = tf.memory().numTensors;
      const map = tf.tensor3d(randomMap(6 * 7 * 3, 11), [6, 7, 3]);
      const wins = [cellBox(0, 0, 6, 5), cellBox(1, 2, 4, 4), cellBox(3, 3, 3, 3)];
      const weights = tf.tensor2d(randomMap(3 * 3 * 50, 2), [3, 150]);
      for (const mode of ['max', 'avg'] as const) {
        const g1 = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(spatialPyramidPool(x as tf.Tensor3D, wins, [6, 3, 2, 1], { mode }), weights)))(map);
        const g2 = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(spatialPyramidPoolComposite(x as tf.Tensor3D, wins, [6, 3, 2, 1], { mode }), weights)))(map);
        expect(maxAbsDiff(g1.dataSync(), g2.dataSync())).toBeLessThan(1e-5);
        expect(Math.max(...Array.from(g1.dataSync()).map(Math.abs))).toBeGreaterThan(0);
        tf.dispose([g1, g2]);
      }
      tf.dispose([map, weights]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('zero windows give an empty [0, k*M] result', () => {
      const map = tf.zeros([3, 3, 2]) as tf.Tensor3D;
      const out = spatialPyramidPool(map, [], [2, 1]);
      expect(out.shape).toEqual([0, 10]);
      tf.dispose([map, out]);
    });

    it('bad inputs raise errors naming the bad value, leaking nothing', () => {
      const before = tf.memory().numTensors;
      const map = tf.zeros([4, 5, 2]) as tf.Tensor3D;
      expect(() => spatialPyramidPool(map, [cellBox(NaN, 0, 1, 1)])).toThrow(/NaN/);
      expect(() => spatialPyramidPool(map, [cellBox(2, 0, 1, 1)])).toThrow(/inverted/);
      expect(() => spatialPyramidPool(map, [cellBox(0, 0, 5, 1)])).toThrow(/outside the 4x5 map/);
      expect(() => spatialPyramidPool(map, null, [6, -1])).toThrow(/bad value -1/);
      expect(() => spatialPyramidPool(map, null, [2], { mode: 'median' as never })).toThrow(/'median'/);
      const empty = tf.zeros([0, 5, 2]) as tf.Tensor3D;
      expect(() => spatialPyramidPool(empty, null)).toThrow(/\[0, 5, 2\]/);
      expect(() => spatialPyramidPool(tf.zeros([4, 5]) as never, null)).toThrow(/rank 3/);
      tf.dispose([map, empty]);
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1); // the rank-2 zeros above
    });
  });
}
