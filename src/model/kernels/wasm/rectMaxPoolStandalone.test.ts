import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rectPoolReference } from '../../../spp/sppReference';
import { windowBinRects } from '../../../spp/windowRects';
import { rectMaxPoolStandalone } from './rectMaxPoolStandalone';
import { RECT_MAX_POOL_WASM_BASE64 } from './rectMaxPoolWasmBinary';

/** Seeded LCG in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** Seeded map with values in [-1, 1) and, as after a ReLU, many exact zeros (ties). */
function randomMap(n: number, seed: number): Float32Array {
  const rnd = rng(seed);
  return Float32Array.from({ length: n }, () => { const v = 2 * rnd() - 1; return v < -0.3 ? 0 : v; });
}

/** Flat inclusive windows [x1, y1, x2, y2], a tenth of them single cells, pooled at {6, 3, 2, 1}. */
function randomRects(count: number, h: number, w: number, seed: number): Int32Array {
  const rnd = rng(seed);
  const wins = new Int32Array(4 * count);
  for (let i = 0; i < count; i++) {
    const x1 = Math.floor(rnd() * w), y1 = Math.floor(rnd() * h);
    const single = rnd() < 0.1;
    wins.set([x1, y1, single ? x1 : x1 + Math.floor(rnd() * (w - x1)), single ? y1 : y1 + Math.floor(rnd() * (h - y1))], 4 * i);
  }
  return windowBinRects(wins, [6, 3, 2, 1]);
}

function expectEqualsReference(shape: [number, number, number], rects: Int32Array, seed: number): void {
  const map = randomMap(shape[0] * shape[1] * shape[2], seed);
  const got = rectMaxPoolStandalone(map, shape, rects);
  expect(got).not.toBeNull();
  const ref = rectPoolReference(map, shape, rects, 'max').values;
  expect(got!.length).toBe(ref.length);
  let mismatches = 0;
  for (let i = 0; i < ref.length; i++) if (got![i] !== ref[i]) mismatches++;
  expect(mismatches).toBe(0);
}

describe('rectMaxPoolStandalone (wasm SIMD sparse table) equals rectPoolReference exactly', () => {
  // Maps smaller than the finest level (3 rows, 1x1), k not a multiple of 4 (scalar tail), k < 4.
  it.each([[1, 1, 3], [3, 40, 2], [13, 13, 8], [7, 19, 5], [43, 57, 16], [2, 9, 1]])('map %ix%ix%i, 200 random windows', (h, w, k) => {
    expectEqualsReference([h, w, k], randomRects(200, h, w, h * 7 + w + k), h + w);
  });

  it('43x57x256 (the conv5 benchmark map, one channel block), 40 windows', () => {
    expectEqualsReference([43, 57, 256], randomRects(40, 43, 57, 3), 4);
  });

  it('64x70x263 needs two channel blocks, the second with a 3-channel scalar tail', () => {
    expectEqualsReference([64, 70, 263], randomRects(30, 64, 70, 5), 6);
  });

  it('single-cell rects, whole-map rects and thin strips', () => {
    const [h, w] = [9, 14];
    const rects = Int32Array.of(0, 1, 0, 1, 8, 9, 13, 14, 0, h, 0, w, 0, h, 5, 6, 4, 5, 0, w, 3, 7, 2, 13);
    expectEqualsReference([h, w, 6], rects, 8);
  });

  it('no rects give an empty result', () => {
    expect(rectMaxPoolStandalone(new Float32Array(12), [2, 2, 3], new Int32Array(0))).toEqual(new Float32Array(0));
  });

  it('refuses an empty or out-of-map rect, naming it', () => {
    expect(() => rectMaxPoolStandalone(new Float32Array(12), [2, 2, 3], Int32Array.of(0, 2, 0, 2, 1, 1, 0, 2))).toThrow(/rect 1 \[1, 1, 0, 2\)/);
    expect(() => rectMaxPoolStandalone(new Float32Array(12), [2, 2, 3], Int32Array.of(0, 3, 0, 2))).toThrow(/outside the 2x2 map/);
  });
});

describe('the embedded wasm module', () => {
  const bytes = Buffer.from(RECT_MAX_POOL_WASM_BASE64, 'base64');

  it('is under the 4 KB Chrome allows for a synchronous compile on the main thread', () => {
    expect(bytes.length).toBeGreaterThan(8);
    expect(bytes.length).toBeLessThan(4096);
  });

  const hasWabt = (() => { try { execFileSync('wat2wasm', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  it.skipIf(!hasWabt)('matches rectMaxPool.wat (rebuild: node --import tsx scripts/build-rect-pool-wasm.ts)', () => {
    const wat = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rectMaxPool.wat');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rect-pool-test-')), 'm.wasm');
    execFileSync('wat2wasm', [wat, '-o', out]);
    expect(fs.readFileSync(out).equals(bytes)).toBe(true);
  });
});
