import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED } from '../test/golden';
import { openDemo, snapshot, waitForRuns } from './helpers';

// Chromium's fake camera (a test pattern) and auto-accepted permission prompt, so the snapshot path runs
// for real. (A file of its own: launch options force a new worker.)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
test.use({
  launchOptions: {
    executablePath: fs.existsSync(chromium) ? chromium : undefined,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const COFFEE = path.join(SHARED, 'fixtures/photos/photo_coffee.png');

test('the file picker, a paste from the clipboard and a camera snapshot each bring an image in', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'wasm', hash: '#src=', waitForRun: false });

  // File picker (the button opens the hidden input; Playwright sets its file).
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open an image…' }).click();
  await (await chooser).setFiles(COFFEE);
  await waitForRuns(page, 1);
  expect(await snapshot(page)).toMatchObject({ imageName: 'photo_coffee.png' });
  expect(await page.evaluate(() => window.__SPPNET__.lastTrace!.imageSize)).toEqual([500, 333]);

  // Paste: a real paste event whose clipboard data holds an image file.
  await page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], 'pasted.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, fs.readFileSync(path.join(SHARED, 'fixtures/photos/photo_chelsea.png')).toString('base64'));
  await waitForRuns(page, 2);
  expect(await snapshot(page)).toMatchObject({ imageName: 'pasted.png' });

  // Camera snapshot.
  await page.getByRole('button', { name: 'Camera…' }).click();
  const video = page.getByLabel('Camera preview');
  await expect(video).toBeVisible();
  await page.waitForFunction(() => ((document.querySelector('video') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await waitForRuns(page, 3);
  const s = await snapshot(page);
  expect(s.imageName).toMatch(/^camera-\d\d:\d\d:\d\d\.png$/);
  const size = await page.evaluate(() => window.__SPPNET__.lastTrace!.imageSize);
  expect(size[0]).toBeGreaterThan(0);
  await expect(video).toBeHidden();
  expect(errors).toEqual([]);
});
