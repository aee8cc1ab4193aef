// npm run bench:app [-- --reps 5 --rcnn-windows all|N --port 4175]
// Drives the built app (dist/, `vite preview`) in Chromium on the wasm backend:
//  - time to first render of the page (first contentful paint) and until the detector is ready;
//  - end to end for a 500x375 Emoji-VOC scene dropped as a PNG (decode -> fast-mode selective search
//    in a worker -> resize -> conv once -> SPP -> fc -> NMS -> boxes on screen), median of --reps runs,
//    with the stage breakdown from window.__SPPNET__.lastTrace;
//  - SPP-net vs the R-CNN way on the same backend, image and windows (the app's own comparison);
//  - the JS the page loads at start vs what it loads lazily (workers, tfjs, backends).
// Prints tables and writes bench-results/app.json.
import { startPreviewServer } from './lib/previewServer';
import { chromium, type Page } from '@playwright/test';
import { createCanvas } from '@napi-rs/canvas';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateScene, sceneSeed } from '../src/data';
import { loadAtlasNode } from '../src/data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../src/data/node/loadBackgroundsNode';
import { printTable, writeResults } from './lib/benchTable';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const REPS = Number(opt('reps', '5'));
const RCNN = opt('rcnn-windows', 'all');
const PORT = Number(opt('port', '4175'));
const BASE = `http://127.0.0.1:${PORT}/`;
const [W, H] = [500, 375];

if (!fs.existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm run bench:app does)');

// The JS bundle: what index.html loads at start (its entry and modulepreloads) vs everything else.
const html = fs.readFileSync('dist/index.html', 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const assets = fs.readdirSync('dist/assets').filter((f) => f.endsWith('.js') || f.endsWith('.wasm') || f.endsWith('.css'));
const sizeOf = (f: string): { raw: number; gzip: number } => { const b = fs.readFileSync(path.join('dist/assets', f)); return { raw: b.length, gzip: zlib.gzipSync(b).length }; };
const sum = (fs_: string[]): { raw: number; gzip: number } => fs_.map(sizeOf).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
const initialJs = sum([...initial].map((f) => f.replace('assets/', '')));
const lazyJs = sum(assets.filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`)));
const wasm = sum(assets.filter((f) => f.endsWith('.wasm')));
const modelBytes = ['model.json', 'weights.bin', 'manifest.json'].reduce((a, f) => a + (fs.existsSync(`dist/models/emoji-voc-zf5/${f}`) ? fs.statSync(`dist/models/emoji-voc-zf5/${f}`).size : 0), 0);

// A 500x375 Emoji-VOC test-split scene, as a PNG file.
const atlas = await loadAtlasNode();
const photos = await loadBackgroundsNode();
const scene = generateScene(sceneSeed('test', 0), atlas, { width: W, height: H, photos });
const canvas = createCanvas(W, H);
const ctx = canvas.getContext('2d');
const id = ctx.createImageData(W, H);
id.data.set(scene.data);
ctx.putImageData(id, 0, 0);
const png = canvas.toBuffer('image/png');

async function drop(page: Page, bytes: Buffer, name: string): Promise<void> {
  await page.evaluate(async ({ b64, name }) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], name, { type: 'image/png' }));
    (window as unknown as { __dropAt: number }).__dropAt = performance.now();
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64: bytes.toString('base64'), name });
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const server = await startPreviewServer(PORT);
try {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath: fs.existsSync(exe) ? exe : undefined,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${BASE}?backend=wasm#src=`);
  await page.waitForFunction(() => window.__SPPNET__?.engine === 'ready' || window.__SPPNET__?.engine === 'error', null, { timeout: 120_000 });
  const start = await page.evaluate(() => ({
    fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
    domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    ready: performance.now(),
    engine: window.__SPPNET__.engine,
    backend: window.__SPPNET__.backend?.name,
  }));
  if (start.engine !== 'ready' || start.backend !== 'wasm') throw new Error(`detector not ready on wasm: ${JSON.stringify(start)}`);
  const smoke = await page.evaluate(() => document.body.textContent?.includes('smoke-test model') ?? false);

  // End to end, REPS + 1 drops (the first warms caches and the wasm kernels up).
  const runs: Array<Record<string, number>> = [];
  for (let i = 0; i <= REPS; i++) {
    const n = await page.evaluate(() => window.__SPPNET__.runs ?? 0);
    await drop(page, png, `scene-${W}x${H}.png`);
    await page.waitForFunction((k) => (window.__SPPNET__.runs ?? 0) > k || window.__SPPNET__.phase === 'error', n, { timeout: 120_000, polling: 'raf' });
    const r = await page.evaluate(() => {
      const h = window.__SPPNET__;
      if (h.phase === 'error') throw new Error('run failed');
      const t = h.lastTrace!.timings;
      return { page_ms: performance.now() - (window as unknown as { __dropAt: number }).__dropAt, app_total_ms: h.lastResult!.totalMs, decode: t.decode ?? 0, proposals: t.proposals ?? 0, resize: t.resize, conv: t.conv, spp: t.spp, fc: t.fc, nms: t.nms, classify: h.lastResult!.classifyMs, windows: h.lastTrace!.proposals.length / 4 };
    });
    if (i > 0) runs.push(r);
  }
  const keys = Object.keys(runs[0]);
  const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));

  // SPP-net vs the R-CNN way, the app's own comparison (same image, windows, backend).
  await page.getByLabel('Windows').selectOption(RCNN === 'all' ? '0' : RCNN);
  await page.getByRole('button', { name: 'Run the R-CNN way' }).click();
  await page.waitForFunction(() => window.__SPPNET__.lastRcnn !== undefined, null, { timeout: 600_000 });
  const rcnn = await page.evaluate(() => window.__SPPNET__.lastRcnn!);
  await browser.close();

  console.log(`bench:app — built app in Chromium (${exe}), wasm backend, ${smoke ? 'SMOKE-TEST model (stand-in)' : 'trained model'}; ${W}x${H} Emoji-VOC scene ${sceneSeed('test', 0)}, fast-mode selective search; median of ${REPS} runs after 1 warm-up`);
  printTable([{ what: 'first contentful paint', ms: start.fcp }, { what: 'DOMContentLoaded', ms: start.domContentLoaded }, { what: 'detector ready (backend + model in worker)', ms: start.ready }]);
  console.log('');
  printTable([{
    windows: med.windows, decode: med.decode, proposals: med.proposals, resize: med.resize, conv: med.conv, spp: med.spp, fc: med.fc, nms: med.nms,
    'classify(extra)': med.classify, 'app total': med.app_total_ms, 'drop->boxes (page)': med.page_ms,
  }]);
  console.log(`end to end (drop -> boxes on screen): ${med.page_ms.toFixed(0)} ms (target <= 2000 ms on this machine)`);
  console.log('');
  printTable([{ method: 'SPP-net 1-scale (resize+conv+spp+fc)', windows: med.windows, ms: rcnn.sppMs }, { method: `R-CNN way (${rcnn.windows} windows timed${rcnn.windows < med.windows ? ', extrapolated' : ''})`, windows: med.windows, ms: rcnn.estimatedRcnnMs }]);
  console.log(`SPP-net vs R-CNN on ${rcnn.backend}: ${rcnn.speedup.toFixed(1)}x (paper, GPU 2014: 24-102x)`);
  console.log('');
  const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`;
  printTable([
    { bundle: 'JS loaded at start (index.html entry + preloads)', raw: kb(initialJs.raw), gzip: kb(initialJs.gzip) },
    { bundle: 'JS loaded lazily (workers: tfjs, backends, proposals, scenes)', raw: kb(lazyJs.raw), gzip: kb(lazyJs.gzip) },
    { bundle: 'tfjs wasm binaries (one is fetched)', raw: kb(wasm.raw), gzip: kb(wasm.gzip) },
    { bundle: 'model (weights + json)', raw: kb(modelBytes), gzip: '-' },
  ]);
  console.log(`wrote ${writeResults('app', {
    model: smoke ? 'smoke' : 'trained', image: [W, H], seed: sceneSeed('test', 0), backend: 'wasm', reps: REPS, runs, median: med,
    startup: start, rcnn, bundle: { initialJs, lazyJs, wasm, modelBytes, initialFiles: [...initial] },
  })}`);
} finally {
  server.kill();
}
