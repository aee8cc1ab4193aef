import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED } from '../test/golden';
import { dropFile, openDemo, snapshot, waitForRuns } from './helpers';
import { hugePng } from './pngEncode';

const FIX = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIX, name));
const CHELSEA = fs.readFileSync(path.join(SHARED, 'fixtures/photos/photo_chelsea.png'));

test('bad inputs get a clear message and leave the page and its last result intact', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  const before = await snapshot(page);
  const cases: Array<[string, string, RegExp]> = [
    ['notes.txt', 'text/plain', /is not an image \(text\/plain\)/],
    ['empty.png', 'image/png', /is empty \(0 bytes\)/],
    ['corrupt.png', 'image/png', /could not be decoded: the file is corrupt/],
  ];
  for (const [name, type, message] of cases) {
    await dropFile(page, fixture(name), name, type);
    await expect(page.getByTestId('input-error')).toHaveText(message);
    const now = await snapshot(page);
    expect(now.runs).toBe(before.runs);
    expect(now.imageName).toBe(before.imageName);
    await expect(page.getByTestId('result-canvas')).toBeVisible();
  }
  expect(errors).toEqual([]);
});

/** Drops a file and waits for its run; returns the trace's image size and the pipeline's view of some pixels. */
async function runFile(page: import('@playwright/test').Page, bytes: Buffer, name: string, type: string, pixels: Array<[number, number]> = []) {
  const n = (await snapshot(page)).runs;
  await dropFile(page, bytes, name, type);
  await waitForRuns(page, n + 1);
  expect((await snapshot(page)).imageName).toBe(name);
  return page.evaluate((px) => ({
    size: window.__SPPNET__.lastTrace!.imageSize,
    conv5: window.__SPPNET__.lastTrace!.scales.map((s) => s.conv5Size),
    pixels: px.map(([x, y]) => window.__SPPNET__.imagePixel!(x, y)),
    notes: [...document.querySelectorAll('[data-testid=image-note]')].map((e) => e.textContent ?? ''),
  }), pixels);
}

test('unusual images run: SVG, animated GIF (first frame), transparent PNG, EXIF-rotated JPEG (upright), 8x8', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=' , waitForRun: false });
  const svg = await runFile(page, fixture('sized.svg'), 'sized.svg', 'image/svg+xml', [[100, 60]]);
  expect(svg.size).toEqual([200, 120]);
  expect(svg.pixels[0]!.slice(0, 3)).toEqual([0, 114, 178]); // the circle's #0072B2
  expect(svg.notes.join(' ')).toContain('SVG rasterised at its intrinsic size, 200×120');

  const gif = await runFile(page, fixture('animated.gif'), 'animated.gif', 'image/gif', [[32, 24]]);
  expect(gif.size).toEqual([64, 48]);
  expect(gif.pixels[0]!.slice(0, 3)).toEqual([0, 200, 0]); // frame 1 is green
  expect(gif.notes.join(' ')).toContain('Animated image (3 frames): the first frame is used');

  const png = await runFile(page, fixture('transparent.png'), 'transparent.png', 'image/png', [[10, 40], [100, 40]]);
  expect(png.pixels).toEqual([[255, 255, 255, 255], [0, 0, 0, 255]]);
  expect(png.notes.join(' ')).toContain('Transparent pixels are shown and detected over white');

  // Stored 160x90 with red left / blue right and EXIF orientation 6: upright it is 90x160, red on top.
  const jpg = await runFile(page, fixture('exif-rotated.jpg'), 'exif-rotated.jpg', 'image/jpeg', [[45, 30], [45, 130]]);
  expect(jpg.size).toEqual([90, 160]);
  const [top, bottom] = jpg.pixels as number[][];
  expect(top[0]).toBeGreaterThan(200); expect(top[2]).toBeLessThan(60);
  expect(bottom[2]).toBeGreaterThan(200); expect(bottom[0]).toBeLessThan(60);

  const tiny = await runFile(page, fixture('tiny-8x8.png'), 'tiny-8x8.png', 'image/png');
  expect(tiny.size).toEqual([8, 8]);
  const s = await page.evaluate(() => window.__SPPNET__.lastTrace!.scales[0]);
  expect(s.conv5Size).toEqual([Math.ceil(s.s / 16), Math.ceil(s.s / 16)]);
  expect(s.windows).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('an SVG without a size gets a clear message (or, in a browser that sizes it, runs), never breaks the page', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  const n = (await snapshot(page)).runs;
  await dropFile(page, fixture('unsized.svg'), 'unsized.svg', 'image/svg+xml');
  await page.waitForFunction((k) => (window.__SPPNET__.runs ?? 0) > k || !!window.__SPPNET__.inputError, n, { timeout: 120_000 });
  const s = await snapshot(page);
  if (s.inputError) expect(s.inputError).toMatch(/SVG without a width and height/);
  else expect(s.imageName).toBe('unsized.svg');
  expect(errors).toEqual([]);
});

for (const backend of ['wasm', 'webgpu']) {
  test(`a 12000x8000 image on ${backend} is downscaled to the documented cap, said on screen, and runs${backend === 'webgpu' ? ' (no WebGPU dispatch error)' : ''}`, async ({ page }) => {
    test.setTimeout(300_000);
    const big = hugePng(12000, 8000);
    const errors = await openDemo(page, { backend, hash: '#src=', waitForRun: false });
    await expect(page.getByTestId('backend-name')).toHaveText(backend, { timeout: 120_000 });
    const r = await runFile(page, big, 'huge.png', 'image/png', [[100, 100]]);
    expect(r.size).toEqual([2048, 1365]);
    expect(r.notes.join(' ')).toContain('Downscaled from 12000×8000 to 2048×1365 px: the app works on images up to 2048 px per side');
    expect(await page.evaluate(() => window.__SPPNET__.lastResult!.backend)).toBe(backend);
    expect(errors).toEqual([]);
  });
}

test('a 6000x200 strip: the scale is lowered so the trunk input stays within 2048 px, and the page says so', async ({ page }) => {
  const strip = hugePng(6000, 200);
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=', waitForRun: false });
  const r = await runFile(page, strip, 'strip.png', 'image/png');
  expect(r.size).toEqual([2048, 68]); // downscaled on arrival first
  const s = await page.evaluate(() => window.__SPPNET__.lastTrace!.scales[0]);
  expect(Math.max(...s.scaledSize)).toBeLessThanOrEqual(2048);
  // The shipped model's 1-scale setting, as its manifest gives it.
  const manifest = JSON.parse(fs.readFileSync('models/emoji-voc-zf5/manifest.json', 'utf8')) as { scales: number[]; defaultScaleIndex: number; oneScale?: number };
  const requested = manifest.oneScale ?? manifest.scales[manifest.defaultScaleIndex];
  expect((await page.evaluate(() => window.__SPPNET__.lastResult!.scales[0])).requested).toBe(requested);
  expect(s.s).toBeLessThan(requested);
  await expect(page.getByTestId('scale-note')).toContainText(`${requested} → ${s.s}`);
  expect(errors).toEqual([]);
});

test('a new image while one is processing: the old run is cancelled and never shows', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  expect((await snapshot(page)).runs).toBe(1);
  await expect(page.getByLabel('Scene seed')).toHaveValue('3000001'); // the seed box shows the linked scene
  // Start a scene, and drop a photo while its detector is running.
  await page.getByLabel('Scene seed').fill('3000002');
  await page.getByRole('button', { name: 'Make scene' }).click();
  await page.waitForFunction(() => window.__SPPNET__.phase === 'detecting', null, { timeout: 60_000 });
  await dropFile(page, CHELSEA, 'chelsea.png', 'image/png');
  await waitForRuns(page, 2);
  await page.waitForTimeout(3000); // a stale result would land here
  const s = await snapshot(page);
  expect(s.runs).toBe(2);
  expect(s.imageName).toBe('chelsea.png');
  expect(await page.evaluate(() => window.__SPPNET__.lastTrace!.imageSize)).toEqual([500, 333]);
  // Same during proposals.
  await page.getByRole('button', { name: 'Make scene' }).click();
  await page.waitForFunction(() => window.__SPPNET__.phase === 'proposals', null, { timeout: 60_000 });
  await dropFile(page, fixture('tiny-8x8.png'), 'tiny-8x8.png', 'image/png');
  await waitForRuns(page, 3);
  await page.waitForTimeout(3000);
  expect(await snapshot(page)).toMatchObject({ runs: 3, imageName: 'tiny-8x8.png' });
  expect(errors).toEqual([]);
});

test('no tensor leak across 20 runs on wasm', async ({ page }) => {
  test.setTimeout(300_000);
  await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  const first = await page.evaluate(() => window.__SPPNET__.memory!());
  const box = page.getByRole('checkbox', { name: 'bounding-box regression' });
  for (let i = 2; i <= 20; i++) {
    await box.click(); // each toggle reruns the detector (proposals are reused)
    await waitForRuns(page, i);
  }
  const last = await page.evaluate(() => window.__SPPNET__.memory!());
  expect(last.numTensors).toBe(first.numTensors);
  expect(last.numBytes).toBe(first.numBytes);
  expect(await page.evaluate(() => window.__SPPNET__.lastResult!.numTensors)).toBe(first.numTensors);
});

test('the main thread never blocks for 200 ms during a run on wasm (PerformanceObserver longtask)', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
    w.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  });
  await openDemo(page, { backend: 'wasm', hash: '#src=scene:3000001' });
  for (const [i, act] of [
    async () => { await page.getByLabel('Scene seed').fill('3000005'); await page.getByRole('button', { name: 'Make scene' }).click(); },
    async () => dropFile(page, CHELSEA, 'chelsea.png', 'image/png'),
    async () => page.getByRole('radio', { name: 'multi-scale' }).check(),
  ].entries()) {
    const t0 = await page.evaluate(() => performance.now());
    await act();
    await waitForRuns(page, i + 2);
    const tasks = await page.evaluate((t) => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((x) => x.start >= t), t0);
    const worst = Math.max(0, ...tasks.map((x) => x.duration));
    expect(worst, `long tasks during run ${i + 2}: ${JSON.stringify(tasks)}`).toBeLessThan(200);
  }
});

test('a WebGPU device lost mid-session: the detector falls back to another backend, says so, and the run completes', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await openDemo(page, { backend: 'webgpu', hash: '#src=', waitForRun: false });
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu', { timeout: 120_000 });
  await page.evaluate(() => window.__SPPNET__.loseDevice!()); // destroys the real GPUDevice
  await dropFile(page, fixture('tiny-8x8.png'), 'tiny-8x8.png', 'image/png');
  await waitForRuns(page, 1, 240_000);
  const s = await snapshot(page);
  expect(s.backend).not.toBe('webgpu');
  expect(await page.evaluate(() => window.__SPPNET__.lastResult!.backend)).toBe(s.backend);
  await expect(page.getByRole('list', { name: 'Backend fallbacks' })).toContainText(/webgpu: (device lost|failed during a run).*now on/);
  await expect(page.getByTestId('backend-name')).toHaveText(s.backend!);
  expect(errors).toEqual([]);
});
