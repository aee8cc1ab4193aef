// npm run bench:model [-- --model models/emoji-voc-zf5 --windows 2000 --reps 3 --rcnn-windows 2000 --scale S]
// SPP-net vs the R-CNN way on the same backend (wasm in Node, 1 thread), for a 500x375 image:
//  - SPP-net: resize to the 1-scale s (the model's, or --scale S), the trunk ONCE, SPP of every window, fc6/fc7/heads (no proposals);
//  - R-CNN (src/pipeline/rcnnWay, as in the app): every window cropped and warped to the training size, the trunk on each, pooled, fc.
// Prints a stage table and the speed ratio (paper, GPU 2014: 24-102x), writes bench-results/model.json.
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { rcnnWay } from '../src/pipeline/rcnnWay';
import { type SppNetCore, runDetector } from '../src/pipeline/runDetector';
import { decodeModelFiles, oneScaleOf } from '../src/model';
import { checkScaleOption } from '../src/train/cliArgs';
import { diskReader } from '../src/train/nodeFiles';
import { initNodeBackend } from '../src/train/nodeBackend';
import { printTable, timeMedian, writeResults } from './lib/benchTable';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const MODEL = path.resolve(opt('model', 'models/emoji-voc-zf5'));
const N = Number(opt('windows', '2000'));
const REPS = Number(opt('reps', '3'));
const RCNN_N = Number(opt('rcnn-windows', String(N)));
const [W, H] = [500, 375];

await initNodeBackend('wasm');
const core: SppNetCore = await decodeModelFiles(diskReader(MODEL), MODEL);
const SCALE = checkScaleOption(Number(opt('scale', String(oneScaleOf(core.manifest)))), opt('scale', ''));

// A deterministic textured test image and random windows (>= 20 px a side, like selective search).
const data = new Uint8ClampedArray(W * H * 4);
for (let i = 0; i < W * H; i++) {
  const x = i % W, y = Math.floor(i / W);
  data[4 * i] = (x * 7 + y * 3) & 255; data[4 * i + 1] = (x * y) & 255; data[4 * i + 2] = (x ^ y) & 255; data[4 * i + 3] = 255;
}
const image = { width: W, height: H, data };
let s = 12345;
const rnd = (): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
const proposals = new Float32Array(4 * N);
for (let i = 0; i < N; i++) {
  const w = 20 + rnd() * (W - 20), h = 20 + rnd() * (H - 20);
  const x = rnd() * (W - w), y = rnd() * (H - h);
  proposals.set([x, y, x + w, y + h], 4 * i);
}

// SPP-net: per-stage medians from the detector's own timings.
const stageRuns: Array<Record<string, number>> = [];
const before = tf.memory().numTensors;
const spp = await timeMedian(async () => {
  const r = await runDetector(core, image, proposals, { scales: [SCALE] });
  stageRuns.push({ ...r.trace.timings });
}, REPS);
if (tf.memory().numTensors !== before) throw new Error(`leak: ${tf.memory().numTensors - before} tensors`);
// timeMedian's warm-up run is the first entry: left out, as from the total.
const timed = stageRuns.slice(1);
const med = (k: string): number => timed.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(timed.length / 2)];

// R-CNN: the app's rcnnWay (crop + warp each window to the training size, trunk per window, pool, fc).
const rcnn = (await timeMedian(async () => { await rcnnWay(core, image, proposals, { count: RCNN_N, batchSize: 32 }); }, 1, 0)) * (N / RCNN_N);

const rows = [
  { method: 'SPP-net 1-scale', windows: N, resize_ms: med('resize'), conv_ms: med('conv'), spp_ms: med('spp'), fc_ms: med('fc'), nms_ms: med('nms'), total_ms: spp },
  { method: 'R-CNN (warp each window)', windows: N, resize_ms: 0, conv_ms: rcnn, spp_ms: 0, fc_ms: 0, nms_ms: 0, total_ms: rcnn },
];
console.log(`model ${MODEL}: ${W}x${H} image, ${N} windows, scale s = ${SCALE}, wasm (Node, 1 thread); R-CNN timed on ${RCNN_N} windows${RCNN_N < N ? ', scaled' : ''}; R-CNN conv_ms includes its fc`);
printTable(rows);
console.log(`SPP-net vs R-CNN speed-up on the same backend: ${(rcnn / spp).toFixed(1)}x (paper, GPU 2014: 24-102x)`);
console.log(`wrote ${writeResults('model', { model: MODEL, image: [W, H], windows: N, scale: SCALE, rows, speedup: rcnn / spp })}`);
tf.dispose(Object.values(core.params));
