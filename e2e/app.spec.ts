import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED } from '../test/golden';
import { dropFile, openDemo, waitForRuns } from './helpers';

const CHELSEA = fs.readFileSync(path.join(SHARED, 'fixtures/photos/photo_chelsea.png'));

/** Structural checks of the last trace, computed in the page (the trace holds typed arrays). */
async function traceFacts(page: Page) {
  return page.evaluate(() => {
    const t = window.__SPPNET__.lastTrace!;
    const bins = t.levels.reduce((a, n) => a + n * n, 0);
    return {
      imageSize: t.imageSize, proposals: t.proposals.length / 4, windows: t.windows.length, bins, levels: t.levels, stride: t.stride,
      scales: t.scales, detections: t.detections.length, candidates: t.candidates.length,
      cellsInside: t.windows.every((w) => {
        const sc = t.scales.find((s) => s.s === w.scale)!;
        const [x1, y1, x2, y2] = w.cells;
        return x1 >= 0 && y1 >= 0 && x1 <= x2 && y1 <= y2 && x2 < sc.conv5Size[1] && y2 < sc.conv5Size[0];
      }),
      timings: t.timings,
      numClasses: t.numClasses,
      scoresLength: t.scores.length,
    };
  });
}

for (const backend of ['wasm', 'webgpu']) {
  test(`a dropped photo on ${backend}: proposals, one conv5 map at stride 16, k·50 values per window, detections`, async ({ page }) => {
    const errors = await openDemo(page, { backend, hash: '#src=', waitForRun: false });
    await expect(page.getByTestId('backend-name')).toHaveText(backend, { timeout: 120_000 });
    await dropFile(page, CHELSEA, 'chelsea.png', 'image/png');
    await waitForRuns(page, 1, 170_000);
    const f = await traceFacts(page);
    expect(f.imageSize).toEqual([500, 333]);
    expect(f.proposals).toBeGreaterThan(0);
    expect(f.windows).toBe(f.proposals);
    expect(f.stride).toBe(16);
    expect(f.bins).toBe(50); // levels {6, 3, 2, 1}
    expect(f.scales).toHaveLength(1);
    for (const s of f.scales) {
      // min side = s, aspect kept; conv5 = ceil through every stride-2 step = ceil(size / 16).
      expect(Math.min(...s.scaledSize)).toBe(s.s);
      expect(s.scaledSize[0]).toBe(Math.round(500 * (s.s / 333)));
      expect(s.conv5Size).toEqual([Math.ceil(s.scaledSize[1] / 16), Math.ceil(s.scaledSize[0] / 16)]);
      expect(s.pooledShape).toEqual([s.windows, s.channels * 50]);
    }
    expect(f.scales.reduce((a, s) => a + s.windows, 0)).toBe(f.proposals);
    expect(f.cellsInside).toBe(true);
    expect(f.scoresLength).toBe(f.proposals * (f.numClasses + 1));
    expect(f.detections).toBeGreaterThan(0);
    for (const k of ['decode', 'proposals', 'resize', 'conv', 'spp', 'fc', 'nms'] as const) expect(f.timings[k]).toBeGreaterThan(0);
    // On screen: the image unwarped, the facts, the timing table, the backend.
    const box = await page.getByTestId('result-canvas').boundingBox();
    expect(box!.width / box!.height).toBeCloseTo(500 / 333, 1);
    await expect(page.getByTestId('image-info')).toContainText(`pooled to ${(f.scales[0].channels * 50).toLocaleString('en-US')} values each`);
    await expect(page.getByRole('table', { name: 'Time per pipeline stage' })).toContainText(backend);
    await expect(page.getByTestId('top5').locator('li')).toHaveCount(5);
    expect(errors).toEqual([]);
  });
}

test('quality-mode selective search finds 4,858 boxes on the chelsea sample; the detector scores the best-ranked 2,000, as training and evaluation do', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=photo:chelsea&mode=quality' });
  const f = await traceFacts(page);
  expect(f.proposals).toBe(2000);
  expect(f.windows).toBe(2000);
  expect(f.scoresLength).toBe(2000 * (f.numClasses + 1));
  await expect(page.locator('output[for="topn"]')).toContainText('of 2000');
});

test('settings and sample live in the URL: a shared link restores them, and moving a slider updates it', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=photo:coffee&mode=single&thr=0.3&nms=0.5&view=before&top=50' });
  expect(await page.evaluate(() => window.__SPPNET__.lastResult?.imageName)).toBe('coffee.jpg');
  await expect(page.getByLabel('Selective search')).toHaveValue('single');
  await expect(page.getByRole('slider', { name: /Score threshold/ })).toHaveValue('0.3');
  await expect(page.getByRole('slider', { name: /NMS IoU/ })).toHaveValue('0.5');
  await expect(page.getByRole('radio', { name: 'before NMS' })).toBeChecked();
  const slider = page.getByRole('slider', { name: /Score threshold/ });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('thr=0.35');
  // Thresholds re-select from the trace without rerunning the network.
  expect(await page.evaluate(() => window.__SPPNET__.runs)).toBe(1);
});

test('multi-scale (PAPER §3.3): one conv5 map per scale, each window pooled at the scale that suits it', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=photo:chelsea&scales=multi' });
  await expect(page.getByRole('radio', { name: /multi-scale/ })).toBeChecked();
  const f = await page.evaluate(() => {
    const t = window.__SPPNET__.lastTrace!;
    const used = new Set(t.windows.map((w) => w.scale));
    return { scales: t.scales.map((s) => ({ s: s.s, conv5: s.conv5Size, scaled: s.scaledSize, windows: s.windows, pooled: s.pooledShape, k: s.channels })), used: [...used].sort((a, b) => a - b), n: t.windows.length };
  });
  expect(f.scales.length).toBeGreaterThan(1);
  expect(f.used).toEqual(f.scales.map((s) => s.s).sort((a, b) => a - b)); // only scales that pooled windows got a conv pass
  expect(f.scales.reduce((a, s) => a + s.windows, 0)).toBe(f.n);
  for (const s of f.scales) {
    expect(s.conv5).toEqual([Math.ceil(s.scaled[1] / 16), Math.ceil(s.scaled[0] / 16)]);
    expect(s.pooled).toEqual([s.windows, s.k * 50]);
  }
  await expect(page.getByRole('table', { name: 'Time per pipeline stage' })).toContainText(`${f.scales.length} scales`);
});

test('exports: COCO JSON of the boxes on screen, and a PNG of the annotated image', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=photo:chelsea&thr=0.05' });
  const shown = await page.getByTestId('detections').locator('tbody tr').count();
  const [coco] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Detections (COCO JSON)' }).click()]);
  expect(coco.suggestedFilename()).toBe('chelsea.detections.json');
  const json = JSON.parse(fs.readFileSync(await coco.path(), 'utf8'));
  expect(json.images).toEqual([{ id: 1, file_name: 'chelsea.jpg', width: 500, height: 333 }]);
  expect(json.annotations).toHaveLength(shown);
  for (const a of json.annotations) {
    expect(a.bbox[2]).toBeGreaterThan(0);
    expect(a.bbox[0] + a.bbox[2]).toBeLessThanOrEqual(500.01);
    expect(a.score).toBeGreaterThanOrEqual(0.05);
  }
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Annotated image (PNG)' }).click()]);
  const bytes = fs.readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBe(512); // width: the 500 px image exported at >= 512 px
});

test('the R-CNN way on the same image and backend: progress, a measured speed-up, and cancel', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=photo:chelsea' });
  const before = await page.evaluate(() => window.__SPPNET__.memory!());
  await page.getByLabel('Windows').selectOption('25');
  await page.getByRole('button', { name: 'Run the R-CNN way' }).click();
  await expect(page.getByTestId('speedup')).toBeVisible({ timeout: 120_000 });
  const r = await page.evaluate(() => window.__SPPNET__.lastRcnn!);
  expect(r.windows).toBe(25);
  expect(r.backend).toBe('wasm');
  expect(r.msPerWindow).toBeGreaterThan(0);
  expect(r.speedup).toBeGreaterThan(1); // one conv pass beats a conv per window
  expect(await page.evaluate(() => window.__SPPNET__.memory!())).toEqual(before); // no tensor left behind
  // Cancel a run over all windows part-way.
  await page.getByLabel('Windows').selectOption('0');
  await page.getByRole('button', { name: 'Run the R-CNN way' }).click();
  await expect(page.getByRole('progressbar', { name: 'R-CNN progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Cancelled.')).toBeVisible();
  expect(await page.evaluate(() => window.__SPPNET__.lastRcnn!.windows)).toBe(25);
});

/**
 * The first ten Emoji-VOC test-split scenes (never trained on), multi-scale (PAPER §3.3), every detection the
 * detector outputs (score >= 0.05, per-class NMS 0.3). Checks what the page shows against its own evaluation
 * and returns the objects found with the right class at IoU >= 0.5.
 */
async function sceneRecall(page: Page): Promise<{ found: number; total: number }> {
  await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000000&scales=multi&thr=0.05' });
  const smoke = await page.evaluate(() => document.body.textContent?.includes('smoke-test model') ?? false);
  test.skip(smoke, 'the embedded model is the smoke-test stand-in: accuracy needs models/emoji-voc-zf5 (the trained model)');
  let found = 0, total = 0;
  for (let i = 0; i < 10; i++) {
    if (i > 0) {
      await page.getByLabel('Scene seed').fill(String(3_000_000 + i));
      await page.getByRole('button', { name: 'Make scene' }).click();
      await waitForRuns(page, i + 1);
    }
    const e = await page.evaluate(() => window.__SPPNET__.lastEval!);
    expect(await page.evaluate(() => window.__SPPNET__.lastResult!.imageName)).toBe(`emoji-voc-scene-${3_000_000 + i}.png`);
    expect(e.perObject).toHaveLength(e.total);
    expect(e.perObject.filter((o) => o.found)).toHaveLength(e.found);
    await expect(page.getByTestId('scene-eval')).toContainText(`${e.found} of ${e.total}`);
    found += e.found;
    total += e.total;
  }
  expect(total).toBeGreaterThan(20);
  test.info().annotations.push({ type: 'recall', description: `${found} of ${total} objects found with the right class at IoU >= 0.5` });
  return { found, total };
}

test('generated scenes: ground truth beside detections, objects found counted and shown (needs the trained model)', async ({ page }) => {
  test.setTimeout(300_000);
  const { found } = await sceneRecall(page);
  expect(found).toBeGreaterThan(0);
});

test('generated scenes: >= 80% of objects found with the right class at IoU >= 0.5 (issue 5 target)', async ({ page }) => {
  test.setTimeout(300_000);
  const { found, total } = await sceneRecall(page);
  expect(found / total).toBeGreaterThanOrEqual(0.8);
});

test('keyboard only: make a scene, then pick a detection\'s window for the pyramid panel', async ({ page }) => {
  await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001&thr=0.05' });
  await page.getByLabel('Scene seed').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3000007');
  await page.keyboard.press('Tab'); // -> Make scene
  await expect(page.getByRole('button', { name: 'Make scene' })).toBeFocused();
  await page.keyboard.press('Enter');
  await waitForRuns(page, 2);
  expect(await page.evaluate(() => window.__SPPNET__.lastResult!.imageName)).toBe('emoji-voc-scene-3000007.png');
  const first = page.getByTestId('detections').getByRole('button').first();
  await first.focus();
  await page.keyboard.press('Space');
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  const w = Number((await first.textContent())!.replace(/\D/g, ''));
  const cells = await page.evaluate((i) => window.__SPPNET__.lastTrace!.windows[i].cells, w);
  await expect(page.getByTestId('selected-window')).toContainText(`conv5 cells [${cells.join(', ')}]`);
});

test('the page works offline: nothing is requested from another origin', async ({ page }) => {
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') { foreign.push(u.href); return route.abort(); }
    return route.continue();
  });
  await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  expect(foreign).toEqual([]);
});

for (const [w, h] of [[1024, 768], [1280, 800]]) {
  test(`layout at ${w}x${h}: no horizontal scroll, controls labelled, screenshot`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000002&top=40' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    // Every form control has an accessible name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button')].filter((el) => {
      const e = el as HTMLInputElement;
      if (e.type === 'file') return false;
      return !(e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim()));
    }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
    await page.screenshot({ path: `test-results/demo-${w}x${h}.png`, fullPage: true });
  });
}
