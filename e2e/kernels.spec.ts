import { test, expect } from '@playwright/test';
import { decodeF32, goldenVector, readGolden, type SppGolden } from '../test/golden';
import { openSelfTest } from './helpers';

const golden = readGolden<SppGolden>('spp.json');
const EPS = 1e-6;

// One spec for every browser backend: the batched kernels (WGSL on webgpu, GLSL on webgl, typed
// arrays on wasm) against PyTorch, plus the arg-max gradient, with no tensor leaked.
for (const backend of ['webgpu', 'webgl', 'wasm']) {
  test(`SPP kernel on ${backend} equals PyTorch adaptive max pooling on every golden case`, async ({ page }) => {
    await openSelfTest(page, backend);
    const got = await page.evaluate(() => window.__SPPNET__.backend?.name);
    expect(got).toBe(backend);
    const cases = golden.cases.map((c) => ({
      shape: [c.height, c.width, c.channels], levels: c.levels,
      map: Array.from(decodeF32(c.featureMap)), windows: c.windows.map((w) => w.cells),
    }));
    const result = await page.evaluate(async (cs) => {
      const { tf, lib } = window.__SPPNET__;
      const before = tf.memory().numTensors;
      const outs: Array<{ full: number[]; windows: number[] }> = [];
      for (const c of cs) {
        const map = tf.tensor3d(c.map, c.shape as [number, number, number]);
        const full = lib.spatialPyramidPool(map, null, c.levels);
        const wins = lib.spatialPyramidPool(map, c.windows.map((b) => lib.cellBox(b[0], b[1], b[2], b[3])), c.levels);
        outs.push({ full: Array.from(await full.data()), windows: Array.from(await wins.data()) });
        tf.dispose([map, full, wins]);
      }
      return { outs, leaked: tf.memory().numTensors - before };
    }, cases);
    expect(result.leaked).toBe(0);
    golden.cases.forEach((c, i) => {
      const full = goldenVector(c.full);
      const win = c.windows.flatMap((w) => Array.from(goldenVector(w.levels)));
      const maxErr = (a: number[], b: ArrayLike<number>) => { expect(a.length).toBe(b.length); return a.reduce((m, v, j) => Math.max(m, Math.abs(v - b[j])), 0); };
      expect(maxErr(result.outs[i].full, full), `case ${i} full map`).toBeLessThanOrEqual(EPS);
      expect(maxErr(result.outs[i].windows, win), `case ${i} windows`).toBeLessThanOrEqual(EPS);
    });
  });

  test(`SPP gradient on ${backend} routes dy to the arg-max cells like autograd of the composite`, async ({ page }) => {
    await openSelfTest(page, backend);
    const r = await page.evaluate(async () => {
      const { tf, lib } = window.__SPPNET__;
      await window.__SPPNET__.loadGradients();
      const before = tf.memory().numTensors;
      const map = tf.tensor3d(Array.from({ length: 5 * 6 * 2 }, (_, i) => Math.sin(i * 1.7)), [5, 6, 2]);
      const wins = [lib.cellBox(0, 0, 5, 4), lib.cellBox(1, 1, 3, 2)];
      const g1 = tf.grad((x) => tf.sum(lib.spatialPyramidPool(x as typeof map, wins, [3, 2, 1])))(map);
      const g2 = tf.grad((x) => tf.sum(lib.spatialPyramidPoolComposite(x as typeof map, wins, [3, 2, 1])))(map);
      const a = Array.from(await g1.data()), b = Array.from(await g2.data());
      tf.dispose([map, g1, g2]);
      return { a, b, leaked: tf.memory().numTensors - before };
    });
    expect(r.leaked).toBe(0);
    expect(r.a.reduce((s, v) => s + v, 0)).toBeCloseTo(2 * 14 * 2, 4); // one unit per (window, bin, channel)
    r.a.forEach((v, i) => expect(v).toBeCloseTo(r.b[i], 5));
  });
}
