// The browser half of `npm run bench:spp -- --browser`: drives the built app (dist/) in Chromium and
// times the batched SPP kernel against the per-window composite on wasm, webgl and webgpu.
import { startPreviewServer } from './previewServer';
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 4191;

// In-page code as plain JS text: functions compiled by tsx carry helpers the page does not have.
const IN_PAGE = `async (n, reps, subset) => {
  const { tf, lib } = window.__SPPNET__;
  let s = 1;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const [H, W, K] = [43, 57, 256];
  const wins = Array.from({ length: n }, () => {
    const x1 = Math.floor(rnd() * W), y1 = Math.floor(rnd() * H);
    return lib.cellBox(x1, y1, x1 + Math.floor(rnd() * (W - x1)), y1 + Math.floor(rnd() * (H - y1)));
  });
  const map = tf.randomNormal([H, W, K], 0, 1, 'float32', 7);
  const time = async (f, w, k) => {
    const ts = [];
    for (let i = 0; i <= k; i++) {
      const t0 = performance.now();
      const out = f(map, w, [6, 3, 2, 1]);
      await out.data();
      out.dispose();
      if (i > 0) ts.push(performance.now() - t0); // the first run compiles shaders
    }
    ts.sort((a, b) => a - b);
    return ts[Math.floor(ts.length / 2)];
  };
  const before = tf.memory().numTensors;
  const batched = await time(lib.spatialPyramidPool, wins, reps);
  const composite = (await time(lib.spatialPyramidPoolComposite, wins.slice(0, subset), 1)) * (n / subset);
  const leaked = tf.memory().numTensors - before;
  map.dispose();
  return { batched, composite, leaked, name: window.__SPPNET__.backend.name };
}`;

export async function runBrowserSppBench(o: { windows: number; reps: number }): Promise<Array<Record<string, string | number>>> {
  if (!fs.existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first');
  const server = await startPreviewServer(PORT);
  const rows: Array<Record<string, string | number>> = [];
  try {
    const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    const browser = await chromium.launch({
      executablePath: fs.existsSync(exe) ? exe : undefined,
      args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
    });
    for (const backend of ['wasm', 'webgl', 'webgpu']) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/selftest.html?backend=${backend}`);
      await page.waitForFunction(() => window.__SPPNET__?.selfTest || window.__SPPNET__?.error, null, { timeout: 120_000 });
      const subset = backend === 'wasm' ? 100 : 10; // the composite is ~50 ops a window: slow on SwiftShader
      const r = (await page.evaluate(`(${IN_PAGE})(${o.windows}, ${o.reps}, ${subset})`)) as { batched: number; composite: number; leaked: number; name: string };
      if (r.leaked !== 0) throw new Error(`${backend}: ${r.leaked} tensors leaked`);
      if (r.name !== backend) throw new Error(`asked for ${backend}, page runs ${r.name}`);
      rows.push({ where: 'chromium', backend, windows: o.windows, batched_ms: r.batched, composite_ms: r.composite, ratio: r.composite / r.batched, composite_windows_timed: subset });
      await page.close();
    }
    await browser.close();
  } finally {
    server.kill();
  }
  return rows;
}
