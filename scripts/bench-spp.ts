// npm run bench:spp [-- --windows 2000 --reps 5 --browser]
// 2,000 random windows on a 43x57x256 map (the paper's 688-px case), levels {6,3,2,1}: ms per call of
// the batched kernel (with the result read back, and in Node also without) and the per-window
// composite on each backend, and their ratio; then the cost of copying/filling the 102 MB output.
// Node: cpu, wasm. With --browser it also drives the built app in Chromium (wasm, webgl, webgpu).
import * as tf from '@tensorflow/tfjs-core';
import { cellBox, type CellBox } from '../src/geometry/boxes';
import { spatialPyramidPool } from '../src/model/spatialPyramidPool';
import { spatialPyramidPoolComposite } from '../src/model/spatialPyramidPoolComposite';
import { useBackend } from '../test/tfBackends';
import { printTable, timeMedian, writeResults } from './lib/benchTable';
import { runBrowserSppBench } from './lib/browserSppBench';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : def; };
const N = opt('windows', 2000), REPS = opt('reps', 5);
const [H, W, K] = [43, 57, 256];
const LEVELS = [6, 3, 2, 1];

/** Seeded random windows, like selective-search boxes projected to cells. */
export function benchWindows(n: number, h: number, w: number, seed = 1): CellBox[] {
  let s = seed;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  return Array.from({ length: n }, () => {
    const x1 = Math.floor(rnd() * w), y1 = Math.floor(rnd() * h);
    return cellBox(x1, y1, x1 + Math.floor(rnd() * (w - x1)), y1 + Math.floor(rnd() * (h - y1)));
  });
}

const rows: Array<Record<string, string | number>> = [];
const windows = benchWindows(N, H, W);
for (const backend of ['cpu', 'wasm'] as const) {
  await useBackend(backend);
  const map = tf.randomNormal([H, W, K], 0, 1, 'float32', 7) as tf.Tensor3D;
  const before = tf.memory().numTensors;
  const run = async (impl: typeof spatialPyramidPool, wins: CellBox[]) => { const o = impl(map, wins, LEVELS); await o.data(); o.dispose(); };
  const batched = await timeMedian(() => run(spatialPyramidPool, windows), REPS);
  // cpu and wasm ops are synchronous: this is the op alone, without reading the 102 MB result back.
  const pool = await timeMedian(() => spatialPyramidPool(map, windows, LEVELS).dispose(), REPS);
  // The composite is ~10^5 tiny ops: time it on a slice of the windows and scale linearly.
  const sub = windows.slice(0, Math.min(N, backend === 'cpu' ? 50 : 200));
  const composite = (await timeMedian(() => run(spatialPyramidPoolComposite, sub), 2)) * (N / sub.length);
  if (tf.memory().numTensors !== before) throw new Error(`leak on ${backend}: ${tf.memory().numTensors - before} tensors`);
  map.dispose();
  rows.push({ where: 'node', backend, windows: N, batched_ms: batched, pool_only_ms: pool, composite_ms: composite, ratio: composite / batched, composite_windows_timed: sub.length });
}
// What bounds batched_ms: reading the [N, 12,800] result is a copy into a fresh buffer (wasm's
// readSync slices its heap); a fresh buffer costs page faults, refilling a warm one does not.
const outFloats = N * K * LEVELS.reduce((s, n) => s + n * n, 0);
const warm = new Float32Array(outFloats);
const floor = {
  output_mb: (4 * outFloats) / 2 ** 20,
  fresh_copy_ms: await timeMedian(() => warm.slice(), REPS),
  warm_fill_ms: await timeMedian(() => warm.fill(1), REPS),
};
if (args.includes('--browser')) rows.push(...(await runBrowserSppBench({ windows: N, reps: REPS })));
console.log(`SPP: ${N} windows on a ${H}x${W}x${K} map, levels {${LEVELS}}; median of ${REPS} (composite timed on a subset, scaled)`);
printTable(rows);
console.log(`output ${floor.output_mb.toFixed(0)} MB: copy into a fresh buffer ${floor.fresh_copy_ms.toFixed(1)} ms, fill of a warm one ${floor.warm_fill_ms.toFixed(1)} ms`);
console.log(`wrote ${writeResults('spp', { map: [H, W, K], levels: LEVELS, windows: N, rows, floor })}`);
